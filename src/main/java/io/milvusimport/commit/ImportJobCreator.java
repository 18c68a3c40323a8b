package io.milvusimport.commit;

import io.milvusimport.MilvusServerException;
import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.milvus.MilvusTransportException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one planned import job at a time, recording its idempotency key in the manifest before
 * the request and its job id right after, so that a driver dying between the two leaves a key a
 * resume can send again (Milvus 2.6.24+ / 3.0.2+ answer a known key with the job they already
 * made). Older servers ignore the key, so before a create is sent again, and before a resume sends
 * one recorded as {@code Creating}, the {@link LostJobFinder} looks for the job on the server.
 */
final class ImportJobCreator {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobCreator.class);

  private final ImportJobsApi api;
  private final WriteManifest manifest;
  private final ManifestStore store;
  private final RequestAddressing addressing;
  private final String partition;
  private final LostJobFinder finder;

  ImportJobCreator(
      ImportJobsApi api,
      WriteManifest manifest,
      ManifestStore store,
      RequestAddressing addressing,
      String partition,
      LostJobFinder finder) {
    this.api = api;
    this.manifest = manifest;
    this.store = store;
    this.addressing = addressing;
    this.partition = partition;
    this.finder = finder;
  }

  /** Creates every job not yet created without polling ({@code waitForCompletion=false}). */
  RunResult createAll(long deadlineNanos, Duration pollInterval, Duration maxPollInterval) {
    long limitWaitMillis = pollInterval.toMillis();
    for (WriteManifest.Job job : manifest.jobs) {
      while (job.jobId == null) {
        try {
          create(job);
        } catch (MilvusServerException e) {
          if (!api.isJobLimit(e)) {
            return RunResult.failed(refusal(job, e));
          }
          if (System.nanoTime() > deadlineNanos) {
            return RunResult.timedOut(
                api.serviceName() + " kept refusing new import jobs: " + e.serverMessage());
          }
          ImportJobRunner.sleep(limitWaitMillis);
          limitWaitMillis =
              ImportJobRunner.jitter(Math.min(limitWaitMillis * 2, maxPollInterval.toMillis()));
        } catch (MilvusTransportException | LostJobFinder.Undecided e) {
          return RunResult.unknown(
              api.serviceName()
                  + " did not answer the create of import job "
                  + (job.index + 1)
                  + ": "
                  + e.getMessage());
        }
      }
    }
    return RunResult.done();
  }

  /**
   * Creates (or finds) the job; a refusal is recorded as not created and thrown.
   *
   * @throws LostJobFinder.Undecided when an earlier unanswered create may have made a job that
   *     cannot yet be told apart
   */
  void create(WriteManifest.Job job) {
    // A job left Creating by an earlier run had its create sent without an answer seen.
    boolean mayExist = job.jobId == null && "Creating".equals(job.state);
    String key = ImportJobPlan.idempotencyKey(manifest.writeId, job);
    manifest.jobCreating(job, key);
    store.save(manifest);
    Map<String, String> options = manifest.twoPhase() ? Map.of("auto_commit", "false") : Map.of();
    String jobId;
    try {
      jobId =
          api.create(
              ImportJobPlan.requestFiles(job, manifest.files, addressing),
              partition,
              options,
              key,
              mayExist,
              () -> finder.find(job));
    } catch (MilvusServerException e) {
      // Answered with a refusal after any earlier attempt was looked for: no job exists.
      manifest.jobNotCreated(job, "refused: code " + e.code() + ", " + e.serverMessage());
      store.trySave(manifest);
      throw e;
    }
    manifest.jobCreated(job, jobId);
    store.save(manifest);
    LOG.info(
        "Write {}: created import job {} ({} of {}) for {} files, {} rows{}",
        manifest.writeId,
        jobId,
        job.index + 1,
        manifest.jobs.size(),
        job.fileCount,
        job.expectedRows,
        manifest.twoPhase() ? ", uncommitted until every job has read its files" : "");
  }

  String refusal(WriteManifest.Job job, MilvusServerException e) {
    return api.serviceName()
        + " refused import request "
        + (job.index + 1)
        + " of "
        + manifest.jobs.size()
        + ": code "
        + e.code()
        + ", "
        + e.serverMessage()
        + hint(e.serverMessage());
  }

  /** What to do about a refusal the connector's own choices can cause. */
  private static String hint(String serverMessage) {
    if (serverMessage != null && serverMessage.contains("inconsistency in file types")) {
      return ". Format json-npy is the original Milvus 2.0/2.1 column layout, which current"
          + " servers refuse; use format npy (or parquet) instead";
    }
    return "";
  }
}
