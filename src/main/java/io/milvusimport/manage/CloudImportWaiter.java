package io.milvusimport.manage;

import io.milvusimport.ImportTimeoutException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.ImportJobStatus;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a cloud import job until it ends, as {@link RestoreWaiter} does for restores: polls, logs
 * state and percent at INFO when they change, and ends with the rows or the reason.
 */
final class CloudImportWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(CloudImportWaiter.class);

  private final Function<String, ImportJobStatus> describe;
  private final Duration pollInterval;

  CloudImportWaiter(Function<String, ImportJobStatus> describe, Duration pollInterval) {
    this.describe = describe;
    this.pollInterval = pollInterval;
  }

  ImportJobStatus await(String jobId, Duration timeout, Consumer<ImportJobStatus> onPoll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String seen = "";
    while (true) {
      ImportJobStatus job = describe.apply(jobId);
      onPoll.accept(job);
      String now = job.state() + " " + job.progress() + "%";
      if (!now.equals(seen)) {
        LOG.info("Zilliz Cloud import job {}: {}", jobId, now);
        seen = now;
      }
      if (job.finished()) {
        LOG.info(
            "Zilliz Cloud import job {} ended {}{}",
            jobId,
            job.state(),
            job.completed()
                ? " with " + job.importedRows() + " rows"
                : ": " + job.failureDescription());
        return job;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new ImportTimeoutException(
            "Zilliz Cloud import job "
                + jobId
                + " is still "
                + now
                + " after waiting "
                + timeout.toMillis()
                + " ms. It keeps running: check it later (command line: import describe --job-id "
                + jobId
                + "); do not start the import again, which would import the rows twice.");
      }
      sleep(Math.min(pollInterval.toMillis(), Math.max(1, left / 1_000_000)));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while waiting for a cloud import job", e);
    }
  }
}
