package io.milvusimport.commit;

import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.ImportJobsApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second phase of a Milvus 3.0 two-phase write: commit every job once all of them hold their
 * rows Uncommitted, or abort every job so that nothing of the write becomes visible. Both calls are
 * safe to repeat: Milvus treats a commit of a committing or completed job, and an abort of an
 * aborted job, as done. A commit whose answer is lost may still have reached Milvus, so the job's
 * state is read again before anything is decided, and once any commit may have been applied the
 * write is never described as invisible.
 */
final class TwoPhaseJobs {
  private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseJobs.class);

  private final ImportJobsApi api;
  private final WriteManifest manifest;
  private final ManifestStore store;
  private final LostJobFinder finder;
  private final Set<String> commitsSent = new LinkedHashSet<>();

  TwoPhaseJobs(
      ImportJobsApi api, WriteManifest manifest, ManifestStore store, LostJobFinder finder) {
    this.api = api;
    this.manifest = manifest;
    this.store = store;
    this.finder = finder;
  }

  /** A commit went out (answered or not), or the manifest shows a committed job. */
  boolean commitMayHaveReachedMilvus() {
    return !commitsSent.isEmpty() || !committedJobs().isEmpty();
  }

  /** Jobs known committed: Committing or Completed. */
  List<String> committedJobs() {
    List<String> ids = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if ("Completed".equals(job.state) || "Committing".equals(job.state)) {
        ids.add(job.jobId);
      }
    }
    return ids;
  }

  /** Jobs created but not known committed. */
  List<String> uncommittedJobs() {
    List<String> ids = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if (job.jobId != null && !committedJobs().contains(job.jobId)) {
        ids.add(job.jobId);
      }
    }
    return ids;
  }

  /**
   * Commits every job. A commit that fails is checked against the job's state: applied after all
   * (its answer was lost) counts as committed; refused before any commit applied is thrown as
   * {@link NothingCommitted}, so the caller can abort everything; otherwise the failure is thrown
   * with what is committed.
   */
  void commitAll() {
    for (WriteManifest.Job job : manifest.jobs) {
      if ("Completed".equals(job.state) || "Committing".equals(job.state)) {
        continue;
      }
      commitsSent.add(job.jobId);
      try {
        api.commit(job.jobId);
      } catch (MilvusImportException e) {
        String state = stateAfterFailedCommit(job);
        if ("Committing".equals(state) || "Completed".equals(state)) {
          LOG.info(
              "Write {}: the commit of import job {} failed ({}) but Milvus shows it {}: committed",
              manifest.writeId,
              job.jobId,
              e.getMessage(),
              state);
        } else {
          commitsSent.remove(job.jobId);
          String text =
              "Committing import job "
                  + job.jobId
                  + " failed ("
                  + e.getMessage()
                  + ")"
                  + (state == null
                      ? " and its state could not be read again, so whether it was committed is"
                          + " unknown"
                      : "; Milvus shows it " + state + ", not committed");
          if (state != null && !commitMayHaveReachedMilvus()) {
            throw new NothingCommitted(text, e);
          }
          if (state == null) {
            commitsSent.add(job.jobId);
          }
          throw new MilvusImportException(text, e);
        }
      }
      manifest.jobState(job, "Committing", job.importedRows, "");
      store.save(manifest);
    }
    LOG.info("Write {}: committed import jobs {}", manifest.writeId, committedJobs());
  }

  /** The job's state read again, or null when Milvus cannot tell. */
  private String stateAfterFailedCommit(WriteManifest.Job job) {
    try {
      ImportJobStatus status = api.describe(job.jobId);
      manifest.jobState(job, status.state(), status.importedRows(), "");
      return status.state();
    } catch (MilvusImportException e) {
      LOG.warn(
          "Write {}: could not read import job {} after its commit failed: {}",
          manifest.writeId,
          job.jobId,
          e.getMessage());
      return null;
    }
  }

  /** A commit was refused while no commit of the write had been applied. */
  static final class NothingCommitted extends MilvusImportException {
    private static final long serialVersionUID = 1L;

    NothingCommitted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Aborts every created job that is not final, after looking on the server for any job whose
   * create got no answer. Returns true when every job is now known to show nothing: all aborted or
   * failed, none committed, and no create left without an answer.
   */
  boolean abortAll() {
    boolean clean = true;
    for (WriteManifest.Job job : manifest.jobs) {
      if (job.jobId == null && "Creating".equals(job.state)) {
        clean &= adoptLost(job);
      }
      if (job.jobId == null || "Failed".equals(job.state)) {
        continue;
      }
      if ("Completed".equals(job.state)
          || "Committing".equals(job.state)
          || commitsSent.contains(job.jobId)) {
        clean = false;
        continue;
      }
      try {
        api.abort(job.jobId);
        manifest.jobState(job, "Failed", 0, "aborted by milvus-import");
        LOG.info("Write {}: aborted import job {}", manifest.writeId, job.jobId);
      } catch (MilvusImportException e) {
        LOG.warn(
            "Write {}: could not abort import job {}: {}",
            manifest.writeId,
            job.jobId,
            e.getMessage());
        clean = false;
      }
    }
    store.trySave(manifest);
    return clean;
  }

  /** Finds the job an unanswered create made; false when that cannot be told. */
  private boolean adoptLost(WriteManifest.Job job) {
    try {
      String found = finder.find(job);
      if (found == null) {
        manifest.jobNotCreated(job, "no job found after an unanswered create");
      } else {
        manifest.jobCreated(job, found);
      }
      return true;
    } catch (MilvusImportException e) {
      LOG.warn(
          "Write {}: cannot tell whether import job {} exists: {}",
          manifest.writeId,
          job.index + 1,
          e.getMessage());
      return false;
    }
  }
}
