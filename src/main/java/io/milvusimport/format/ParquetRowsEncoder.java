package io.milvusimport.format;

import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.RowLayout;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Parquet import files (Milvus 2.3+), one per import file, with the schema of {@link
 * ParquetSchemas}: each checked row is written by {@link ParquetSlotWriter} straight into
 * parquet-column's column writers of a {@link ParquetColumnFile} (no record-at-a-time API, whose
 * per-element bookkeeping dominated vector columns). Memory is bounded by the row group size: the
 * file buffers one row group's pages before writing them out.
 */
final class ParquetRowsEncoder implements RowFileEncoder {
  /** Small enough for a modest executor heap, large enough for efficient reads by Milvus. */
  static final long ROW_GROUP_BYTES = 32L << 20;

  private static final int PAGE_BYTES = 1 << 20;

  private final ColumnRowReader reader;
  private final MessageType schema;
  private final CompressionCodecName codec;
  private final ParquetProperties properties;
  private final long rowGroupBytes;
  private ParquetColumnFile file;
  private ParquetSlotWriter slots;

  ParquetRowsEncoder(
      RowLayout layout, int partition, boolean skipInvalid, CompressionCodecName codec) {
    this(layout, partition, skipInvalid, codec, ROW_GROUP_BYTES);
  }

  /** With another row group size, for tests of files with several row groups. */
  ParquetRowsEncoder(
      RowLayout layout,
      int partition,
      boolean skipInvalid,
      CompressionCodecName codec,
      long rowGroupBytes) {
    this.reader = new ColumnRowReader(layout, new RowRejections(partition, skipInvalid), null);
    this.schema = ParquetSchemas.of(reader.columns());
    this.codec = codec;
    this.properties = properties(reader.columns());
    this.rowGroupBytes = rowGroupBytes;
  }

  /** parquet-mr's v1 pages, 1 MiB pages and dictionaries, no dictionary for vector values. */
  private static ParquetProperties properties(MilvusColumn[] columns) {
    ParquetProperties.Builder builder =
        ParquetProperties.builder()
            .withPageSize(PAGE_BYTES)
            .withDictionaryPageSize(PAGE_BYTES)
            .withDictionaryEncoding(true)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withValuesWriterFactory(new ParquetValuesWriters());
    for (MilvusColumn column : columns) {
      // Vector values rarely repeat: a dictionary would only cost memory and time.
      if (column.kind() == ColumnKind.FLOAT_VECTOR || column.type() == MilvusType.INT8_VECTOR) {
        builder = builder.withDictionaryEncoding(ParquetSchemas.elementPath(column.name()), false);
      } else if (column.kind() == ColumnKind.BYTE_VECTOR) {
        builder = builder.withDictionaryEncoding(column.name(), false);
      }
    }
    return builder.build();
  }

  @Override
  public void start(ImportFileOutput out) throws IOException {
    OutputStream stream = out.create(".parquet");
    file = new ParquetColumnFile(stream, schema, properties, codec, rowGroupBytes);
    slots = new ParquetSlotWriter(reader, file.writers());
  }

  @Override
  public boolean write(InternalRow row, long rowIndex) throws IOException {
    if (!reader.read(row, rowIndex)) {
      return false;
    }
    slots.write(reader.slots());
    file.endRow();
    return true;
  }

  @Override
  public SkippedRows skipped() {
    return reader.skipped();
  }

  @Override
  public long bytes() {
    return file.bytes();
  }

  @Override
  public void finish() throws IOException {
    file.finish();
    file = null;
    slots = null;
  }

  @Override
  public void close() {
    if (file != null) {
      file.abandon();
      file = null;
      slots = null;
    }
  }
}
