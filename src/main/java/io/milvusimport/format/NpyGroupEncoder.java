package io.milvusimport.format;

import io.milvusimport.schema.RowLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column groups: each import file is a group directory whose files all hold the same rows.
 *
 * <ul>
 *   <li>{@code npy}: one {@code <field>.npy} per column ({@code $meta.npy} for the dynamic field),
 *       the layout every Milvus since 2.2 reads.
 *   <li>{@code json-npy}: the seeds' original design (Milvus 2.0/2.1): scalar columns in one
 *       column-based {@code columns.json}, each dense vector in {@code <field>.npy}. Current Milvus
 *       rejects groups mixing extensions; the format exists for what still reads that design.
 * </ul>
 *
 * Columns are spilled locally while rows arrive, so memory does not grow with the group. When the
 * group is finished, a fixed-width column's spill file is itself the {@code .npy} file and is moved
 * into the group ({@link NpyColumnWriter}); text columns and {@code columns.json} are assembled
 * from their spill files.
 */
final class NpyGroupEncoder implements RowFileEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(NpyGroupEncoder.class);
  static final String NULL_PROBLEM =
      "NPY files cannot hold null; write this collection with format parquet or json, or fill the"
          + " nulls first";

  private final ColumnRowReader reader;
  private final List<GroupPart> parts = new ArrayList<>();
  private final Path spillDirectory;
  private ImportFileOutput output;
  private long rows;

  /** The {@code npy} layout. */
  NpyGroupEncoder(RowLayout layout, int partition, boolean skipInvalid) {
    this(layout, partition, skipInvalid, false);
  }

  /**
   * @param seedDesign true for {@code json-npy}: scalars go to one column JSON file
   */
  NpyGroupEncoder(RowLayout layout, int partition, boolean skipInvalid, boolean seedDesign) {
    this.reader =
        new ColumnRowReader(layout, new RowRejections(partition, skipInvalid), NULL_PROBLEM, true);
    try {
      this.spillDirectory = SpillFiles.newDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a local spill directory for NPY columns", e);
    }
    MilvusColumn[] columns = reader.columns();
    List<JsonColumnWriter> scalars = new ArrayList<>();
    List<Integer> scalarIndexes = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      Path spill = spillDirectory.resolve(i + ".spill");
      ColumnKind kind = columns[i].kind();
      if (seedDesign && kind != ColumnKind.FLOAT_VECTOR && kind != ColumnKind.BYTE_VECTOR) {
        scalars.add(new JsonColumnWriter(columns[i], spill));
        scalarIndexes.add(i);
      } else {
        parts.add(new NpyColumnWriter(columns[i], i, spill));
      }
    }
    if (!scalars.isEmpty()) {
      parts.add(
          0,
          new JsonColumnsFile(
              scalars, scalarIndexes.stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  @Override
  public void start(ImportFileOutput out) {
    this.output = out;
  }

  @Override
  public boolean write(InternalRow row, long rowIndex) throws IOException {
    if (!reader.read(row, rowIndex)) {
      return false;
    }
    ColumnSlot[] slots = reader.slots();
    if (rows > 0) {
      long withRow = 0;
      for (GroupPart part : parts) {
        withRow += part.bytesWith(slots);
      }
      // Ends this group first when the row would take it past maxFileSize (finish + start).
      output.rollIfOver(withRow);
    }
    for (GroupPart part : parts) {
      part.append(slots);
    }
    rows++;
    return true;
  }

  @Override
  public SkippedRows skipped() {
    return reader.skipped();
  }

  @Override
  public long bytes() {
    long total = 0;
    for (GroupPart part : parts) {
      total += part.bytes();
    }
    return total;
  }

  @Override
  public void finish() throws IOException {
    if (rows == 0) {
      return;
    }
    rows = 0;
    for (GroupPart part : parts) {
      part.writeTo(output);
    }
  }

  @Override
  public void close() {
    for (GroupPart part : parts) {
      try {
        part.close();
      } catch (IOException e) {
        LOG.debug("Closing a spill file failed", e);
      }
    }
    SpillFiles.delete(spillDirectory);
  }
}
