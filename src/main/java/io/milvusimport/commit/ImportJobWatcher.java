package io.milvusimport.commit;

import io.milvusimport.ImportTimeoutException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.MilvusImportJobs;
import io.milvusimport.milvus.MilvusTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls import jobs until each is Completed or Failed, backing off from {@code pollInterval} to
 * {@code maxPollInterval}, and gives up at {@code importTimeout}. A poll that gets no answer is
 * retried on the next round: describing a job changes nothing on the server.
 */
final class ImportJobWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobWatcher.class);
  private static final int MAX_CONSECUTIVE_POLL_FAILURES = 10;

  private final MilvusImportJobs jobs;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final Duration timeout;

  ImportJobWatcher(
      MilvusImportJobs jobs, Duration pollInterval, Duration maxPollInterval, Duration timeout) {
    this.jobs = jobs;
    this.pollInterval = pollInterval;
    this.maxPollInterval = maxPollInterval;
    this.timeout = timeout;
  }

  /** Returns every job's final status, in the order given. */
  List<ImportJobStatus> awaitAll(List<String> jobIds) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, ImportJobStatus> latest = new LinkedHashMap<>();
    List<String> pending = new ArrayList<>(jobIds);
    long waitMillis = pollInterval.toMillis();
    int failures = 0;
    while (true) {
      for (String jobId : List.copyOf(pending)) {
        try {
          ImportJobStatus status = jobs.describe(jobId);
          failures = 0;
          latest.put(jobId, status);
          LOG.info(
              "Import job {}: {} {}% ({} of {} rows)",
              jobId, status.state(), status.progress(), status.importedRows(), status.totalRows());
          if (status.finished()) {
            pending.remove(jobId);
          }
        } catch (MilvusTransportException e) {
          if (++failures >= MAX_CONSECUTIVE_POLL_FAILURES) {
            throw new MilvusImportException(
                "Lost contact with Milvus while polling import jobs "
                    + pending
                    + " ("
                    + failures
                    + " polls failed, last: "
                    + e.getMessage()
                    + ")",
                e);
          }
          LOG.warn("Polling import job {} failed, retrying: {}", jobId, e.getMessage());
        }
      }
      if (pending.isEmpty()) {
        List<ImportJobStatus> result = new ArrayList<>();
        jobIds.forEach(id -> result.add(latest.get(id)));
        return result;
      }
      logOverall(jobIds, latest);
      long remaining = (deadline - System.nanoTime()) / 1_000_000;
      if (remaining <= 0) {
        throw new ImportTimeoutException(
            "Import jobs "
                + pending
                + " did not finish within importTimeout "
                + timeout
                + "; they may still complete on the server. Check them with POST"
                + " /v2/vectordb/jobs/import/describe {\"jobId\": \"...\"}; the staged files are"
                + " kept because Milvus may still be reading them.");
      }
      sleep(Math.min(waitMillis, remaining));
      waitMillis = Math.min((long) (waitMillis * 1.5) + 1, maxPollInterval.toMillis());
    }
  }

  private static void logOverall(List<String> jobIds, Map<String, ImportJobStatus> latest) {
    if (jobIds.size() < 2) {
      return;
    }
    long sum = 0;
    for (String id : jobIds) {
      ImportJobStatus status = latest.get(id);
      sum += status == null ? 0 : status.completed() ? 100 : status.progress();
    }
    LOG.info("Import overall: {}% of {} jobs", sum / jobIds.size(), jobIds.size());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while waiting for import jobs", e);
    }
  }
}
