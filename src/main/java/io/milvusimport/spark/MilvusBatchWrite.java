package io.milvusimport.spark;

import io.milvusimport.cloud.CloudImportJobs;
import io.milvusimport.commit.ImportCommitter;
import io.milvusimport.format.SkippedRows;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagedFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * One write on the driver: executors stage files through the factory, then {@link #commit} imports
 * exactly the files named in the committed task messages. Spark calls {@link #abort} when a task or
 * the commit fails. Spark's commit coordinator lets one attempt per partition commit, so files of
 * failed, retried or speculative attempts never reach {@link #commit}; those attempts delete their
 * own files. An abort waits for the write's tasks that still run ({@link WriteTasks}) before it
 * deletes the write directory, so files they stage after the job failed are deleted too.
 */
final class MilvusBatchWrite implements BatchWrite {
  /** How long an abort waits for the write's cancelled tasks before deleting the directory. */
  private static final Duration TASK_END_WAIT = Duration.ofMinutes(2);

  private final ImportOptions options;
  private final RowLayout layout;
  private final String writeId;
  private final HadoopConf hadoopConf;
  private final ImportCommitter committer;
  private final CommitSteps steps;
  private volatile WriteTasks tasks;
  private volatile VolumeStaging volume;

  MilvusBatchWrite(
      ImportOptions options,
      RowLayout layout,
      String writeId,
      HadoopConf hadoopConf,
      boolean twoPhase,
      CommitSteps steps) {
    this.steps = steps;
    this.options = options;
    this.layout = layout;
    this.writeId = writeId;
    this.hadoopConf = hadoopConf;
    this.committer = new ImportCommitter(options, hadoopConf, writeId, twoPhase);
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    SparkContext context = SparkSession.active().sparkContext();
    tasks = WriteTasks.watch(context);
    Broadcast<HadoopConf> conf = JavaSparkContext.fromSparkContext(context).broadcast(hadoopConf);
    CloudWriteOptions cloud = options.cloud();
    if (cloud != null) {
      // Execution, not planning; reads that change no remote state, before any task stages.
      CloudImportJobs.checkTarget(cloud.connection().client());
      if (cloud.stagesIntoVolume() && options.resumeWriteId() == null) {
        volume = VolumeStaging.open(cloud, cloud.volumePath() + writeId + "/", writeId);
      }
    }
    return new StagingWriterFactory(
        layout,
        options.format().toString(),
        options.parquetCompression(),
        options.staging().writeDirectory(writeId),
        options.maxFileSize(),
        conf,
        options.skipInvalidRows(),
        options.resumeWriteId() != null,
        volume);
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    SkippedRows skipped = new SkippedRows();
    for (WriterCommitMessage message : messages) {
      if (message != null) {
        skipped.add(((StagedFilesMessage) message).skipped());
      }
    }
    List<StagedFile> files = files(messages);
    long staged = 0;
    for (StagedFile file : files) {
      staged += file.rows();
    }
    // Before any import job: Spark's abort then deletes the staged files.
    options.maxInvalidRows().check(writeId, staged, skipped.total(), skipped.byReason());
    if (volume != null) {
      volume.checkLimits(files, "Write " + writeId);
    }
    // A save mode's or catalog overwrite's step (recreate, a new collection): after every task has
    // staged its files, before any import job; a failure here aborts with nothing imported.
    steps.beforeImport();
    try {
      committer.commit(files, skipped);
    } catch (RuntimeException e) {
      throw steps.importFailed(e);
    }
    steps.afterImport();
    // Only now: Spark's listener bus may not have delivered the last tasks' end events yet when
    // the commit starts, and a failed commit's abort waits on that count.
    if (tasks != null) {
      tasks.stop();
    }
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    WriteTasks running = tasks;
    committer.abort(
        () -> {
          if (running != null) {
            running.awaitEndAndStop(TASK_END_WAIT);
          }
        });
  }

  private static List<StagedFile> files(WriterCommitMessage[] messages) {
    List<StagedFile> files = new ArrayList<>();
    for (WriterCommitMessage message : messages) {
      if (message != null) {
        files.addAll(((StagedFilesMessage) message).files());
      }
    }
    return files;
  }

  @Override
  public String toString() {
    return "MilvusBatchWrite{write="
        + writeId
        + ", collection="
        + options.database()
        + "."
        + options.collection()
        + "}";
  }
}
