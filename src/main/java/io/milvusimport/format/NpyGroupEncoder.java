package io.milvusimport.format;

import io.milvusimport.schema.RowLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column-based NumPy: each import file is a group directory with one {@code <field>.npy} per column
 * ({@code $meta.npy} for the dynamic field), all with the same row count — the layout every Milvus
 * since 2.2 reads. Columns are spilled locally while rows arrive and assembled when the group is
 * finished, so memory does not grow with the group.
 */
final class NpyGroupEncoder implements RowFileEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(NpyGroupEncoder.class);
  static final String NULL_PROBLEM =
      "NPY files cannot hold null; write this collection with format parquet or json, or fill the"
          + " nulls first";

  private final ColumnRowReader reader;
  private final MilvusColumn[] columns;
  private final NpyColumnWriter[] writers;
  private final Path spillDirectory;
  private ImportFileOutput output;

  NpyGroupEncoder(RowLayout layout, int partition, boolean skipInvalid) {
    this.reader =
        new ColumnRowReader(layout, new RowRejections(partition, skipInvalid), NULL_PROBLEM);
    this.columns = reader.columns();
    this.writers = new NpyColumnWriter[columns.length];
    try {
      this.spillDirectory = SpillFiles.newDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a local spill directory for NPY columns", e);
    }
    for (int i = 0; i < columns.length; i++) {
      writers[i] = new NpyColumnWriter(columns[i], spillDirectory.resolve(i + ".spill"));
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
    for (int i = 0; i < writers.length; i++) {
      writers[i].append(slots[i]);
    }
    return true;
  }

  @Override
  public SkippedRows skipped() {
    return reader.skipped();
  }

  @Override
  public long bytes() {
    long total = 0;
    for (NpyColumnWriter writer : writers) {
      total += writer.fileSize();
    }
    return total;
  }

  @Override
  public void finish() throws IOException {
    if (writers.length == 0 || writers[0].rows() == 0) {
      return;
    }
    for (int i = 0; i < writers.length; i++) {
      try (OutputStream file =
          new BufferedOutputStream(output.create("/" + columns[i].name() + ".npy"), 1 << 16)) {
        writers[i].writeTo(file);
      }
    }
  }

  @Override
  public void close() {
    for (NpyColumnWriter writer : writers) {
      try {
        writer.close();
      } catch (IOException e) {
        LOG.debug("Closing a spill file failed", e);
      }
    }
    SpillFiles.delete(spillDirectory);
  }
}
