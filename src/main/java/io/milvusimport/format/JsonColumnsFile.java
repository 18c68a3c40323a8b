package io.milvusimport.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The seed design's column-based JSON file of a group, {@code columns.json}: {@code {"uid": [...],
 * "year": [...]}} with every scalar column, each spilled on its own until the group closes.
 */
final class JsonColumnsFile implements GroupPart {
  static final String NAME = "/columns.json";

  private final JsonColumnWriter[] columns;
  private final int[] indexes;

  /**
   * @param indexes the position of each column's value in the rows' slots
   */
  JsonColumnsFile(List<JsonColumnWriter> columns, int[] indexes) {
    this.columns = columns.toArray(new JsonColumnWriter[0]);
    this.indexes = indexes.clone();
  }

  @Override
  public void append(ColumnSlot[] row) throws IOException {
    for (int i = 0; i < columns.length; i++) {
      columns[i].append(row[indexes[i]]);
    }
  }

  @Override
  public long bytes() {
    long total = 2;
    for (JsonColumnWriter column : columns) {
      total += column.bytes();
    }
    return total;
  }

  @Override
  public void writeTo(ImportFileOutput group) throws IOException {
    try (OutputStream file = new BufferedOutputStream(group.create(NAME), 1 << 16)) {
      file.write('{');
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          file.write(',');
        }
        columns[i].writeTo(file);
      }
      file.write('}');
    }
  }

  @Override
  public void close() throws IOException {
    for (JsonColumnWriter column : columns) {
      column.close();
    }
  }
}
