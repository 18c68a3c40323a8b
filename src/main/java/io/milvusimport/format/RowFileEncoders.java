package io.milvusimport.format;

import io.milvusimport.schema.RowLayout;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Creates the encoder of a staging format on an executor. */
public final class RowFileEncoders {
  private RowFileEncoders() {}

  /**
   * @param formatName the {@code format} option's value, already validated on the driver
   * @param compression the {@code parquetCompression} option's value
   */
  public static RowFileEncoder create(
      String formatName,
      String compression,
      RowLayout layout,
      int partition,
      boolean skipInvalidRows) {
    switch (formatName) {
      case "json":
        return new JsonRowsEncoder(layout, partition, skipInvalidRows);
      case "npy":
        return new NpyGroupEncoder(layout, partition, skipInvalidRows);
      case "json-npy":
        return new NpyGroupEncoder(layout, partition, skipInvalidRows, true);
      case "parquet":
        return new ParquetRowsEncoder(layout, partition, skipInvalidRows, codec(compression));
      default:
        throw new IllegalArgumentException("unknown staging format " + formatName);
    }
  }

  private static CompressionCodecName codec(String compression) {
    switch (compression) {
      case "zstd":
        return CompressionCodecName.ZSTD;
      case "none":
        return CompressionCodecName.UNCOMPRESSED;
      default:
        return CompressionCodecName.SNAPPY;
    }
  }
}
