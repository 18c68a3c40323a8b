package io.milvusimport.spark;

import io.milvusimport.format.RowFileEncoder;
import io.milvusimport.format.RowFileEncoders;
import io.milvusimport.format.SkippedRows;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.RollingFileWriter;
import io.milvusimport.staging.StagedFile;
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
  private final VolumeStaging volume;
  private RollingFileWriter files;
  private int filesChecked;
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
      boolean discardRows,
      VolumeStaging volume) {
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
    this.volume = volume;
  }

  @Override
  public void write(InternalRow row) throws IOException {
    if (discardRows) {
      return;
    }
    if (files == null) {
      files = open();
    }
    files.write(row, rowIndex++);
    if (volume != null && files.filesClosed() != filesChecked) {
      // A task stops once its own files are over the volume's upload limit.
      filesChecked = files.filesClosed();
      volume.checkLimits(files.closedFiles(), toString());
    }
  }

  private RollingFileWriter open() throws IOException {
    RowFileEncoder encoder =
        RowFileEncoders.create(format, compression, layout, partitionId, skipInvalidRows);
    if (volume != null) {
      return new RollingFileWriter(volume.sink(partitionId), partitionId, encoder, maxFileSize);
    }
    return new RollingFileWriter(conf, writeDirectory, partitionId, encoder, maxFileSize);
  }

  @Override
  public WriterCommitMessage commit() throws IOException {
    if (files == null) {
      return new StagedFilesMessage(partitionId, taskId, List.of(), new SkippedRows());
    }
    List<StagedFile> staged = files.finish();
    if (volume != null) {
      volume.checkLimits(staged, toString());
    }
    return new StagedFilesMessage(partitionId, taskId, staged, files.skipped());
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
