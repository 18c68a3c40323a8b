package io.milvusimport.manage;

import io.milvusimport.MilvusImportException;
import io.milvusimport.RestoreTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a restore job until it ends: polls about once a second (as Milvus's docs advise), logs
 * state and percent at INFO when they change, and ends with the final state, time and reason.
 */
final class RestoreWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreWaiter.class);

  private final SnapshotRestores restores;
  private final Duration pollInterval;

  RestoreWaiter(SnapshotRestores restores, Duration pollInterval) {
    this.restores = restores;
    this.pollInterval = pollInterval;
  }

  RestoreJob await(String jobId, Duration timeout, Consumer<RestoreJob> onPoll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RestoreJob last = null;
    String seen = "";
    while (true) {
      RestoreJob job = restores.job(jobId, last);
      onPoll.accept(job);
      String now = job.state() + " " + job.progress() + "%";
      if (!now.equals(seen)) {
        LOG.info(
            "Restore job {} (snapshot '{}' into {}.{}): {}",
            jobId,
            job.snapshot(),
            job.targetDatabase(),
            job.targetCollection(),
            now);
        seen = now;
      }
      if (job.finished()) {
        LOG.info(
            "Restore job {} of snapshot '{}' into {}.{} ended {} after {} ms{}",
            jobId,
            job.snapshot(),
            job.targetDatabase(),
            job.targetCollection(),
            job.state(),
            job.timeCostMillis(),
            job.reason().isEmpty() ? "" : ": " + job.reason());
        return job;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw timeout(job, timeout);
      }
      sleep(Math.min(pollInterval.toMillis(), Math.max(1, left / 1_000_000)));
      last = job;
    }
  }

  private static RestoreTimeoutException timeout(RestoreJob job, Duration timeout) {
    return new RestoreTimeoutException(
        "Restore job "
            + job.jobId()
            + " of snapshot '"
            + job.snapshot()
            + "' into collection '"
            + job.targetCollection()
            + "' in database '"
            + job.targetDatabase()
            + "' is still "
            + job.state()
            + " at "
            + job.progress()
            + "% after waiting "
            + timeout.toMillis()
            + " ms. The job keeps running on the server: check it with restoreJob(\""
            + job.jobId()
            + "\") or waitForRestore again, or POST /v2/vectordb/jobs/snapshot/describe"
            + " {\"jobId\": \""
            + job.jobId()
            + "\"}.",
        job.jobId(),
        job.snapshot(),
        job.targetCollection(),
        job.targetDatabase());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while waiting for a restore job", e);
    }
  }
}
