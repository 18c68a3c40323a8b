package io.milvusimport.spark;

import io.milvusimport.staging.StagedFile;
import java.util.List;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** A committed task attempt's files: paths and counts only, so it stays small. */
final class StagedFilesMessage implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  private final int partitionId;
  private final long taskId;
  private final List<StagedFile> files;

  StagedFilesMessage(int partitionId, long taskId, List<StagedFile> files) {
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.files = List.copyOf(files);
  }

  List<StagedFile> files() {
    return files;
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
