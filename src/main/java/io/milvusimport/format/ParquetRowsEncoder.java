package io.milvusimport.format;

import io.milvusimport.schema.RowLayout;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet import files (Milvus 2.3+), one per import file, written through parquet-hadoop with the
 * schema of {@link ParquetSchemas}. Memory is bounded by the row group size: Parquet buffers one
 * row group's pages before writing them out.
 */
final class ParquetRowsEncoder implements RowFileEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetRowsEncoder.class);

  /** Small enough for a modest executor heap, large enough for efficient reads by Milvus. */
  static final long ROW_GROUP_BYTES = 32L << 20;

  private static final int PAGE_BYTES = 1 << 20;

  private final ColumnRowReader reader;
  private final MessageType schema;
  private final CompressionCodecName codec;
  private ParquetWriter<ColumnSlot[]> writer;

  ParquetRowsEncoder(
      RowLayout layout, int partition, boolean skipInvalid, CompressionCodecName codec) {
    this.reader = new ColumnRowReader(layout, new RowRejections(partition, skipInvalid), null);
    this.schema = ParquetSchemas.of(reader.columns());
    this.codec = codec;
  }

  @Override
  public void start(ImportFileOutput out) throws IOException {
    Builder builder =
        new Builder(new StreamOutputFile(out.create(".parquet")), schema, reader)
            .withConf(new Configuration(false))
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(codec)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withPageSize(PAGE_BYTES)
            .withDictionaryPageSize(PAGE_BYTES)
            .withValidation(false)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0);
    for (MilvusColumn column : reader.columns()) {
      // Vector values rarely repeat: a dictionary would only cost memory and time.
      if (column.kind() == ColumnKind.FLOAT_VECTOR) {
        builder = builder.withDictionaryEncoding(ParquetSchemas.elementPath(column.name()), false);
      } else if (column.kind() == ColumnKind.BYTE_VECTOR) {
        builder =
            builder.withDictionaryEncoding(
                column.type() == io.milvusimport.schema.MilvusType.INT8_VECTOR
                    ? ParquetSchemas.elementPath(column.name())
                    : column.name(),
                false);
      }
    }
    writer = builder.build();
  }

  @Override
  public boolean write(InternalRow row, long rowIndex) throws IOException {
    if (!reader.read(row, rowIndex)) {
      return false;
    }
    writer.write(reader.slots());
    return true;
  }

  @Override
  public SkippedRows skipped() {
    return reader.skipped();
  }

  @Override
  public long bytes() {
    return writer.getDataSize();
  }

  @Override
  public void finish() throws IOException {
    ParquetWriter<ColumnSlot[]> done = writer;
    writer = null;
    done.close();
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Closing an abandoned Parquet file failed", e);
      }
      writer = null;
    }
  }

  private static final class Builder extends ParquetWriter.Builder<ColumnSlot[], Builder> {
    private final MessageType schema;
    private final ColumnRowReader reader;

    Builder(OutputFile file, MessageType schema, ColumnRowReader reader) {
      super(file);
      this.schema = schema;
      this.reader = reader;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<ColumnSlot[]> getWriteSupport(Configuration conf) {
      return new SlotWriteSupport(schema, reader);
    }
  }
}
