package io.milvusimport.spark;

import io.milvusimport.format.SkippedRows;
import io.milvusimport.staging.StagedFile;
import java.util.List;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** A committed task attempt's files: paths and counts only, so it stays small. */
final class StagedFilesMessage implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  private final int partitionId;
  private final long taskId;
  private final List<StagedFile> files;
  private final SkippedRows skipped;

  StagedFilesMessage(int partitionId, long taskId, List<StagedFile> files, SkippedRows skipped) {
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.files = List.copyOf(files);
    this.skipped = skipped;
  }

  List<StagedFile> files() {
    return files;
  }

  /** Invalid rows this task left out ({@code invalidRows=skip}). */
  SkippedRows skipped() {
    return skipped;
  }

  @Override
  public String toString() {
    return "StagedFilesMessage{partition="
        + partitionId
        + ", task="
        + taskId
        + ", files="
        + files.size()
        + "}";
  }
}
