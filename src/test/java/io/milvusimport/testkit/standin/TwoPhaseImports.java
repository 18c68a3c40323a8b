package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.standin.ImportJob.State;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /jobs/import/commit} and {@code /abort} of a 3.0 stand-in (milvus#48524 and follow-ups):
 * commit moves an Uncommitted job to Committing and, one step later, Completed with its rows
 * visible; commit of a Committing or Completed job is a no-op. Abort fails any job before
 * Committing and drops its rows; a Committing or Completed job refuses ("job N is in
 * terminal/committed state S, abort not allowed", milvus#51083); aborting a Failed job is a no-op
 * (milvus#50692). Both refuse auto-commit jobs (milvus#53159). Texts not found in Milvus's sources
 * are marked "(stand-in text)".
 */
final class TwoPhaseImports {
  private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseImports.class);
  private static final String TAG = "[milvus stand-in, not Milvus]";

  /** Reason of a job aborted through the API (the exact Milvus constant was not found). */
  static final String ABORTED_REASON = "import job aborted by user";

  private final ImportJobs jobs;

  /** Every abort that took effect, as {@code "jobId:state before"}, in order. */
  final List<String> aborted = new CopyOnWriteArrayList<>();

  TwoPhaseImports(ImportJobs jobs) {
    this.jobs = jobs;
  }

  JsonNode commit(ImportJob job) {
    String id = checked(job);
    synchronized (job) {
      requireManual(job, "commit");
      switch (job.state) {
        case Committing:
        case Completed:
          return null;
        case Uncommitted:
          job.state = State.Committing;
          break;
        default:
          throw MilvusErrors.importFailed(
              "job " + id + " is in state " + job.state + ", commit not allowed (stand-in text)");
      }
    }
    LOG.info("{} job {} -> Committing", TAG, id);
    jobs.later(() -> complete(job));
    return null;
  }

  JsonNode abort(ImportJob job) {
    String id = checked(job);
    synchronized (job) {
      requireManual(job, "abort");
      switch (job.state) {
        case Committing:
        case Completed:
          throw MilvusErrors.importFailed(
              "job " + id + " is in terminal/committed state " + job.state + ", abort not allowed");
        case Failed:
          return null;
        default:
          aborted.add(id + ":" + job.state);
          job.state = State.Failed;
          job.reason = ABORTED_REASON;
          job.completeTime = ImportJob.now();
          job.pendingRows.clear();
      }
    }
    LOG.info("{} job {} -> Failed (aborted)", TAG, id);
    return null;
  }

  private static String checked(ImportJob job) {
    if (job == null) {
      throw MilvusErrors.importSysFailed("import job does not exist");
    }
    return job.jobId;
  }

  private static void requireManual(ImportJob job, String action) {
    if (!job.twoPhase) {
      throw MilvusErrors.importFailed(
          "job "
              + job.jobId
              + " is an auto-commit import job, "
              + action
              + " not allowed (stand-in text)");
    }
  }

  private static void complete(ImportJob job) {
    synchronized (job) {
      job.collection.addRows(job.partition, job.pendingRows);
      job.importedRows = job.pendingRows.size();
      job.pendingRows.clear();
      job.state = State.Completed;
      job.progress = 100;
      job.completeTime = ImportJob.now();
    }
    LOG.info("{} job {} -> Completed ({} rows)", TAG, job.jobId, job.importedRows);
  }
}
