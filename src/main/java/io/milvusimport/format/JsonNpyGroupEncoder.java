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
 * The seeds' own column-based layout (bulk load as designed for Milvus 2.0/2.1): per group, the
 * scalar columns in one column-based JSON file {@code columns.json} ({@code {"uid": [...], ...}})
 * and each vector field in {@code <field>.npy}. Current Milvus rejects groups mixing extensions;
 * this format exists for servers and tools that still read the original design.
 */
final class JsonNpyGroupEncoder implements RowFileEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(JsonNpyGroupEncoder.class);
  static final String COLUMNS_FILE = "/columns.json";

  private final ColumnRowReader reader;
  private final MilvusColumn[] columns;
  private final NpyColumnWriter[] vectors;
  private final JsonColumnWriter[] scalars;
  private final Path spillDirectory;
  private ImportFileOutput output;
  private long rows;

  JsonNpyGroupEncoder(RowLayout layout, int partition, boolean skipInvalid) {
    this.reader =
        new ColumnRowReader(
            layout, new RowRejections(partition, skipInvalid), NpyGroupEncoder.NULL_PROBLEM);
    this.columns = reader.columns();
    this.vectors = new NpyColumnWriter[columns.length];
    this.scalars = new JsonColumnWriter[columns.length];
    try {
      this.spillDirectory = SpillFiles.newDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a local spill directory", e);
    }
    for (int i = 0; i < columns.length; i++) {
      Path spill = spillDirectory.resolve(i + ".spill");
      ColumnKind kind = columns[i].kind();
      if (kind == ColumnKind.FLOAT_VECTOR || kind == ColumnKind.BYTE_VECTOR) {
        vectors[i] = new NpyColumnWriter(columns[i], spill);
      } else {
        scalars[i] = new JsonColumnWriter(columns[i], spill);
      }
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
    for (int i = 0; i < columns.length; i++) {
      if (vectors[i] != null) {
        vectors[i].append(slots[i]);
      } else {
        scalars[i].append(slots[i]);
      }
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
    for (int i = 0; i < columns.length; i++) {
      total += vectors[i] != null ? vectors[i].fileSize() : scalars[i].bytes();
    }
    return total;
  }

  @Override
  public void finish() throws IOException {
    if (rows == 0) {
      return;
    }
    rows = 0;
    boolean anyScalar = false;
    for (JsonColumnWriter scalar : scalars) {
      anyScalar |= scalar != null;
    }
    if (anyScalar) {
      try (OutputStream file = new BufferedOutputStream(output.create(COLUMNS_FILE), 1 << 16)) {
        file.write('{');
        boolean first = true;
        for (JsonColumnWriter scalar : scalars) {
          if (scalar != null) {
            if (!first) {
              file.write(',');
            }
            scalar.writeTo(file);
            first = false;
          }
        }
        file.write('}');
      }
    }
    for (int i = 0; i < columns.length; i++) {
      if (vectors[i] != null) {
        try (OutputStream file =
            new BufferedOutputStream(output.create("/" + columns[i].name() + ".npy"), 1 << 16)) {
          vectors[i].writeTo(file);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      for (int i = 0; i < columns.length; i++) {
        if (vectors[i] != null) {
          vectors[i].close();
        } else {
          scalars[i].close();
        }
      }
    } catch (IOException e) {
      LOG.debug("Closing a spill file failed", e);
    }
    SpillFiles.delete(spillDirectory);
  }
}
