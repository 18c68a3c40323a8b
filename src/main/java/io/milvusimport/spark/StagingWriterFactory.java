package io.milvusimport.spark;

import io.milvusimport.schema.RowLayout;
import io.milvusimport.staging.HadoopConf;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;

/**
 * What crosses to executors: the row layout, where to stage and how big files may grow; the Hadoop
 * configuration travels as a broadcast. A write staged into a Zilliz Cloud volume also carries its
 * {@link VolumeStaging} (temporary upload credentials and the way to renew them, which includes the
 * control-plane API key: see docs/zilliz-cloud.md, "What crosses to executors"); no other client
 * and no other credential.
 */
final class StagingWriterFactory implements DataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final RowLayout layout;
  private final String format;
  private final String compression;
  private final String writeDirectory;
  private final long maxFileSize;
  private final Broadcast<HadoopConf> hadoopConf;
  private final boolean skipInvalidRows;
  private final boolean discardRows;
  private final VolumeStaging volume;

  StagingWriterFactory(
      RowLayout layout,
      String format,
      String compression,
      String writeDirectory,
      long maxFileSize,
      Broadcast<HadoopConf> hadoopConf,
      boolean skipInvalidRows,
      boolean discardRows,
      VolumeStaging volume) {
    this.layout = layout;
    this.format = format;
    this.compression = compression;
    this.writeDirectory = writeDirectory;
    this.maxFileSize = maxFileSize;
    this.hadoopConf = hadoopConf;
    this.skipInvalidRows = skipInvalidRows;
    this.discardRows = discardRows;
    this.volume = volume;
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new StagingDataWriter(
        layout,
        format,
        compression,
        writeDirectory,
        maxFileSize,
        hadoopConf.value(),
        partitionId,
        taskId,
        skipInvalidRows,
        discardRows,
        volume);
  }
}
