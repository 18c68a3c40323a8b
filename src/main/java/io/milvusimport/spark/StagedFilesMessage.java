package io.milvusimport.spark;

import io.milvusimport.format.SkippedRows;
import io.milvusimport.staging.StagedFile;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * A committed task attempt's files: paths and counts only, so it stays small. It travels with
 * {@code spark.serializer}, possibly Kryo, so it holds plain arrays, never the JDK's immutable
 * lists Kryo cannot rebuild.
 */
final class StagedFilesMessage implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  private final int partitionId;
  private final long taskId;
  private final StagedFile[] files;
  private final SkippedRows skipped;

  StagedFilesMessage(int partitionId, long taskId, List<StagedFile> files, SkippedRows skipped) {
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.files = files.toArray(new StagedFile[0]);
    this.skipped = skipped;
  }

  List<StagedFile> files() {
    return Collections.unmodifiableList(Arrays.asList(files));
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
        + files.length
        + "}";
  }
}
