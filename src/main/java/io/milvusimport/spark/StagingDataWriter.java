package io.milvusimport.spark;

import io.milvusimport.format.RowFileEncoders;
import io.milvusimport.format.SkippedRows;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.RollingFileWriter;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * Stages one task attempt's rows; on abort, deletes exactly the files this attempt wrote. When a
 * write resumes an earlier one ({@code discardRows}), its files are already staged, so rows are
 * dropped here.
 */
final class StagingDataWriter implements DataWriter<InternalRow> {
  private final RowLayout layout;
  private final String format;
  private final String compression;
  private final String writeDirectory;
  private final long maxFileSize;
  private final HadoopConf conf;
  private final int partitionId;
  private final long taskId;
  private final boolean skipInvalidRows;
  private final boolean discardRows;
  private RollingFileWriter files;
  private long rowIndex;

  StagingDataWriter(
      RowLayout layout,
      String format,
      String compression,
      String writeDirectory,
      long maxFileSize,
      HadoopConf conf,
      int partitionId,
      long taskId,
      boolean skipInvalidRows,
      boolean discardRows) {
    this.layout = layout;
    this.format = format;
    this.compression = compression;
    this.writeDirectory = writeDirectory;
    this.maxFileSize = maxFileSize;
    this.conf = conf;
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.skipInvalidRows = skipInvalidRows;
    this.discardRows = discardRows;
  }

  @Override
  public void write(InternalRow row) throws IOException {
    if (discardRows) {
      return;
    }
    if (files == null) {
      files =
          new RollingFileWriter(
              conf,
              writeDirectory,
              partitionId,
              RowFileEncoders.create(format, compression, layout, partitionId, skipInvalidRows),
              maxFileSize);
    }
    files.write(row, rowIndex++);
  }

  @Override
  public WriterCommitMessage commit() throws IOException {
    if (files == null) {
      return new StagedFilesMessage(partitionId, taskId, List.of(), new SkippedRows());
    }
    return new StagedFilesMessage(partitionId, taskId, files.finish(), files.skipped());
  }

  @Override
  public void abort() {
    if (files != null) {
      files.discard();
      files.close();
      files = null;
    }
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    if (files == null) {
      return StagingMetrics.values(0, 0, 0, 0);
    }
    return StagingMetrics.values(
        files.rowsWritten(), files.bytesClosed(), files.filesClosed(), files.skipped().total());
  }

  @Override
  public void close() {
    // Files are closed by commit or abort; the write's own file system, if any, is closed here.
    if (files != null) {
      files.close();
    }
  }

  @Override
  public String toString() {
    return "StagingDataWriter{partition=" + partitionId + ", task=" + taskId + "}";
  }
}
