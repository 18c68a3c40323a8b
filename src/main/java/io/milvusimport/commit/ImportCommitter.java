package io.milvusimport.commit;

import io.milvusimport.ImportFailedException;
import io.milvusimport.ImportTimeoutException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.format.SkippedRows;
import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.milvus.MilvusSnapshots;
import io.milvusimport.milvus.RetryPolicy;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingFileSystem;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver-side end of a write: records the committed tasks' files in the manifest, imports them
 * through {@link ImportJobRunner} (two-phase on Milvus 3.0 when asked) after the {@code
 * snapshotBefore} snapshot, checks the row count, takes the snapshot and removes the staged files.
 *
 * <p>Cleanup follows Iceberg's rule: files are deleted after success, and after a failure only when
 * no job can still read them; when a job's state is unknown they stay with the manifest, and the
 * message says how to resume. Spark calls {@link #abort} after a failed commit too.
 */
public final class ImportCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCommitter.class);

  private final CommitSettings options;
  private final HadoopConf hadoopConf;
  private final String writeId;
  private final boolean twoPhase;
  private final CommitReport report;
  private volatile boolean filesMayBeInUse;
  private volatile WriteManifest manifest;
  private StagingFileSystem fileSystem;

  /**
   * @param twoPhase use Milvus 3.0's two-phase import (decided at plan time)
   */
  public ImportCommitter(
      CommitSettings options, HadoopConf hadoopConf, String writeId, boolean twoPhase) {
    this.options = options;
    this.hadoopConf = hadoopConf;
    this.writeId = writeId;
    this.twoPhase = twoPhase;
    this.report = new CommitReport(writeId);
  }

  /**
   * Imports {@code files} (or, when resuming, the files of the write's manifest); returns when
   * every job is Completed, or throws.
   */
  public void commit(List<StagedFile> files, SkippedRows skipped) {
    try {
      commitStaged(files, skipped);
    } finally {
      if (fileSystem != null) {
        fileSystem.close();
        fileSystem = null;
      }
    }
  }

  private void commitStaged(List<StagedFile> files, SkippedRows skipped) {
    report.commitStarted();
    if (skipped.total() > 0) {
      LOG.warn(
          "Write {}: skipped {} invalid rows (invalidRows=skip): {}",
          writeId,
          skipped.total(),
          skipped.byReason());
    }
    RetryPolicy retry = options.connection().retryPolicy();
    ManifestStore store =
        options.manifestRoot() == null
            ? ManifestStore.inMemory()
            : new ManifestStore(fileSystem(), manifestDirectory(), retry);
    report.manifestStore(store);
    WriteManifest manifest = manifest(files, store);
    this.manifest = manifest;
    if (manifest == null) {
      return; // a resume of a write that already completed: nothing to do
    }
    LOG.info(
        "Write {}: {} rows staged in {} files ({} bytes) under {}, {} import jobs planned",
        writeId,
        manifest.stagedRows(),
        manifest.files.size(),
        manifest.stagedBytes(),
        writeDirectory(),
        manifest.jobs.size());
    if (manifest.files.isEmpty()) {
      LOG.info("Write {}: no rows to import", writeId);
      cleanUp();
      return;
    }
    if (!manifest.twoPhase() && manifest.jobs.size() > 1) {
      LOG.warn(
          "Write {}: {} import jobs without two-phase import (atomic={}): the rows become visible"
              + " job by job, and a failure can leave earlier jobs' rows in the collection",
          writeId,
          manifest.jobs.size(),
          options.atomicName());
    }
    ImportJobsApi api = options.importJobs().create(options, retry);
    LostJobFinder finder =
        new LostJobFinder(
            api,
            manifest,
            options.addressing(),
            options.pollInterval(),
            options.maxPollInterval(),
            System.nanoTime() + options.importTimeout().toNanos());
    ImportJobRunner runner =
        new ImportJobRunner(
            api,
            manifest,
            store,
            options.addressing(),
            options.partition(),
            options.waitForCompletion() ? options.maxConcurrentJobs() : Integer.MAX_VALUE,
            options.pollInterval(),
            options.maxPollInterval(),
            options.importTimeout(),
            finder);
    if (options.snapshotBefore() != null) {
      new SnapshotBeforeImport(
              new MilvusSnapshots(
                  options.connection().client(),
                  options.connection().database(),
                  options.collection(),
                  retry),
              manifest)
          .take(options.snapshotBefore());
    }
    manifest.status("Importing");
    try {
      store.save(manifest);
    } catch (MilvusImportException e) {
      throw new ImportFailedException(
          e.getMessage()
              + ". No import job was created, so nothing of write "
              + writeId
              + " was imported.",
          e);
    }
    filesMayBeInUse = true;
    report.importStarted();
    try {
      new JobOutcomes(manifest, store, runner, new TwoPhaseJobs(api, manifest, store, finder), this)
          .run(options.waitForCompletion());
    } catch (ImportStopped e) {
      filesMayBeInUse = !e.clean;
      if (e.clean && !options.keepStagedFiles() && !cleanUp()) {
        throw new ImportStopped(
                e.getMessage()
                    + " The staged files under "
                    + writeDirectory()
                    + " could not be deleted; nothing reads them any more, so delete them by hand.",
                true,
                e.timeout,
                e.getCause())
            .toException();
      }
      throw e.toException();
    }
    report.importFinished(manifest.jobs.size(), runner.peakUnfinished());
    if (!options.waitForCompletion()) {
      LOG.info(
          "Write {}: not waiting for import jobs (waitForCompletion=false); the staged files under"
              + " {} are kept for {} to read",
          writeId,
          writeDirectory(),
          serviceName());
      return;
    }
    filesMayBeInUse = false;
    manifest.status("Completed");
    store.trySave(manifest);
    LOG.info(
        "Write {}: imported {} rows into {} with {} import jobs{}",
        writeId,
        manifest.stagedRows(),
        options.collection(),
        manifest.jobs.size(),
        manifest.twoPhase() ? " (two-phase: all rows became visible together)" : "");
    if (options.snapshot() != null) {
      new SnapshotAfterImport(
              new MilvusSnapshots(
                  options.connection().client(),
                  options.connection().database(),
                  options.collection(),
                  retry),
              manifest,
              store)
          .take(
              options.snapshot(),
              options.snapshotDescription(),
              options.snapshotCompactionProtectionSeconds());
    }
    boolean recorded =
        options.manifestRoot() == null
            || CompletionRecord.write(manifest, hadoopConf, options.manifestRoot());
    if (options.keepStagedFiles()) {
      LOG.info("Write {}: staged files kept under {}", writeId, writeDirectory());
    } else if (!recorded) {
      LOG.warn(
          "Write {}: every row is imported, but the completion record could not be written, so the"
              + " staged files and manifest under {} are kept: a resume of this write reads them"
              + " and imports nothing again. Delete the directory when you no longer need it.",
          writeId,
          writeDirectory());
    } else {
      cleanUp();
    }
    report.log();
  }

  /** The write's file system for the manifest, open for the commit ({@link StagingFileSystem}). */
  private FileSystem fileSystem() {
    try {
      fileSystem = StagingFileSystem.open(hadoopConf, manifestDirectory());
      return fileSystem.get();
    } catch (java.io.IOException e) {
      throw new ImportFailedException(
          "Cannot open the file system of " + manifestDirectory() + ": " + e, e);
    }
  }

  /** The write's manifest: planned now, or read back by a resume (null: it already completed). */
  private WriteManifest manifest(List<StagedFile> files, ManifestStore store) {
    if (options.resumeWriteId() != null) {
      return new ResumeCheck(options, hadoopConf, writeId).manifest(store);
    }
    options.limits().checkFileSizes(files, writeId);
    WriteManifest manifest =
        WriteManifest.plan(
            writeId,
            options.connection().database(),
            options.collection(),
            options.partition(),
            files,
            Math.min(options.maxFilesPerJob(), options.limits().maxFilesPerJob()));
    manifest.twoPhase(twoPhase && options.waitForCompletion());
    manifest.format(options.formatName());
    return manifest;
  }

  /** The text that tells a user how to finish or inspect a write whose jobs are unknown. */
  String resumeAdvice() {
    if (options.manifestRoot() == null) {
      return VolumeWriteNotes.unknownOutcome(options, writeId, manifest);
    }
    return " The staged files are kept, with the manifest "
        + manifestDirectory()
        + "/_manifest.json. Finish the write by running it again with"
        + " .option(\"resumeWriteId\", \""
        + writeId
        + "\") (completed jobs are skipped, running ones polled, none created twice), or list"
        + " the collection's jobs with POST /v2/vectordb/jobs/import/list.";
  }

  /** The service that runs the write's import jobs, for messages. */
  String serviceName() {
    return options.importJobs().serviceName();
  }

  String writeId() {
    return writeId;
  }

  String collection() {
    return options.collection();
  }

  /**
   * Removes the staged files after a failed write, unless Milvus may still be reading them (a job
   * whose outcome is unknown), the write is a resume (the files belong to the earlier write), or
   * the user asked to keep them.
   */
  public void abort() {
    abort(() -> {});
  }

  /**
   * As {@link #abort()}; {@code awaitTasks} runs before the delete and returns once the write's
   * tasks have ended, so files a cancelled task still uploads are not left behind.
   */
  public void abort(Runnable awaitTasks) {
    if (filesMayBeInUse || options.resumeWriteId() != null) {
      LOG.warn(
          "Write {}: keeping staged files under {}: import jobs may still need them.{}",
          writeId,
          writeDirectory(),
          resumeAdvice());
    } else if (options.keepStagedFiles()) {
      LOG.info("Write {}: staged files kept under {} (keepStagedFiles)", writeId, writeDirectory());
    } else {
      awaitTasks.run();
      cleanUp();
    }
  }

  /** The directory of the write's manifest, or null when it is kept in memory only. */
  private String manifestDirectory() {
    return options.manifestRoot() == null ? null : options.manifestRoot() + "/" + writeId;
  }

  /**
   * Deletes the write directory, repeating a failed delete like any transient fault so a short
   * storage outage leaves nothing behind; returns false when it could not. A cancelled write
   * arrives here on an interrupted thread, where Hadoop's clients refuse to work
   * ("InterruptedIOException"), so the flag is cleared for the delete and set again afterwards: the
   * files go first, then the cancellation carries on.
   */
  private boolean cleanUp() {
    RetryPolicy retry = options.connection().retryPolicy();
    boolean[] deleted = {false};
    boolean interrupted = Thread.interrupted();
    if (options.staging().volume() != null) {
      LOG.info(VolumeWriteNotes.filesStay(options, writeId));
    }
    try {
      report.cleanup(
          () -> {
            for (int attempt = 0; ; attempt++) {
              deleted[0] = deleteStaged();
              if (deleted[0] || attempt >= retry.retries()) {
                return;
              }
              ImportJobRunner.sleep(retry.delayMillis(attempt));
            }
          });
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return deleted[0];
  }

  /**
   * Deletes the write's directory; for a volume write, whose staged files the API cannot delete one
   * by one, only the manifest directory, saying what stays in the volume.
   */
  private boolean deleteStaged() {
    if (options.staging().volume() == null) {
      return StagingCleaner.delete(hadoopConf, writeDirectory());
    }
    return manifestDirectory() == null || StagingCleaner.delete(hadoopConf, manifestDirectory());
  }

  private String writeDirectory() {
    return options.staging().writeDirectory(writeId);
  }

  /** Why the import stopped and whether the staged files can go. */
  static final class ImportStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean clean;
    final boolean timeout;

    ImportStopped(String message, boolean clean, boolean timeout, Throwable cause) {
      super(message, cause);
      this.clean = clean;
      this.timeout = timeout;
    }

    MilvusImportException toException() {
      return timeout
          ? new ImportTimeoutException(getMessage())
          : new ImportFailedException(getMessage(), getCause());
    }
  }
}
