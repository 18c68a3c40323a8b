package io.milvusimport.format;

import io.milvusimport.schema.RowLayout;

/** Creates the encoder of a staging format on an executor. */
public final class RowFileEncoders {
  private RowFileEncoders() {}

  /**
   * @param formatName the {@code format} option's value, already validated on the driver
   */
  public static RowFileEncoder create(
      String formatName, RowLayout layout, int partition, boolean skipInvalidRows) {
    if ("json".equals(formatName)) {
      return new JsonRowsEncoder(layout, partition, skipInvalidRows);
    }
    throw new IllegalArgumentException("unknown staging format " + formatName);
  }
}
