package io.milvusimport.commit;

import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.milvus.MilvusTransportException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a write's planned import jobs with at most {@code maxConcurrentJobs} of them still
 * reading files, and polls them. Every job state change goes to the manifest before the next step,
 * so a later driver can resume. Milvus's job-limit refusal is waited out; a job whose outcome
 * cannot be known stops the run with {@link RunResult.Outcome#UNKNOWN}. Nothing here deletes files.
 */
final class ImportJobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobRunner.class);
  private static final int MAX_FAILED_POLL_ROUNDS = 3;

  private final ImportJobsApi api;
  private final WriteManifest manifest;
  private final ManifestStore store;
  private final RequestAddressing addressing;
  private final String partition;
  private final int maxConcurrent;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final long deadlineNanos;
  private final String timeoutText;
  private final ImportJobCreator creator;
  private final Map<Integer, Integer> progress = new HashMap<>();
  private int peakUnfinished;

  ImportJobRunner(
      ImportJobsApi api,
      WriteManifest manifest,
      ManifestStore store,
      RequestAddressing addressing,
      String partition,
      int maxConcurrent,
      Duration pollInterval,
      Duration maxPollInterval,
      Duration importTimeout,
      LostJobFinder finder) {
    this.api = api;
    this.manifest = manifest;
    this.store = store;
    this.addressing = addressing;
    this.partition = partition;
    this.maxConcurrent = maxConcurrent;
    this.pollInterval = pollInterval;
    this.maxPollInterval = maxPollInterval;
    this.deadlineNanos = System.nanoTime() + importTimeout.toNanos();
    this.timeoutText = importTimeout.toString();
    this.creator = new ImportJobCreator(api, manifest, store, addressing, partition, finder);
  }

  /** Creates every job not yet created without polling ({@code waitForCompletion=false}). */
  RunResult createAll() {
    return creator.createAll(deadlineNanos, pollInterval, maxPollInterval);
  }

  int peakUnfinished() {
    return peakUnfinished;
  }

  /**
   * Creates every job not yet created and waits until each has read its files: Uncommitted (two
   * phase) or Completed. Stops creating after the first failure; a two-phase run stops at once,
   * since every job is aborted then anyway. Every created job not known Completed is described at
   * least once, so a resume never trusts a recorded Uncommitted state that a lost commit or an
   * abort may have changed.
   */
  RunResult createAndAwaitRead() {
    Deque<WriteManifest.Job> toCreate = new ArrayDeque<>();
    List<WriteManifest.Job> active = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if (job.jobId == null || "Failed".equals(job.state)) {
        if ("Failed".equals(job.state)) {
          manifest.retryFailed(job);
        }
        toCreate.add(job);
      } else if (!"Completed".equals(job.state)) {
        active.add(job);
      }
    }
    return loop(toCreate, active, false);
  }

  /** Waits until every committed job is Completed (or Failed). */
  RunResult awaitCompleted() {
    List<WriteManifest.Job> active = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if (!"Completed".equals(job.state)) {
        active.add(job);
      }
    }
    return loop(new ArrayDeque<>(), active, true);
  }

  private boolean readDone(String state) {
    return manifest.twoPhase() && ("Uncommitted".equals(state) || "Committing".equals(state));
  }

  private RunResult loop(
      Deque<WriteManifest.Job> toCreate, List<WriteManifest.Job> active, boolean committed) {
    long waitMillis = pollInterval.toMillis();
    long limitWaitMillis = pollInterval.toMillis();
    long nextCreateNanos = 0;
    int failedRounds = 0;
    List<String> failures = new ArrayList<>();
    while (true) {
      while (failures.isEmpty()
          && !toCreate.isEmpty()
          && active.size() < maxConcurrent
          && System.nanoTime() >= nextCreateNanos) {
        WriteManifest.Job job = toCreate.peek();
        try {
          creator.create(job);
          toCreate.poll();
          active.add(job);
          limitWaitMillis = pollInterval.toMillis();
        } catch (MilvusServerException e) {
          if (!api.isJobLimit(e)) {
            failures.add(creator.refusal(job, e));
            break;
          }
          LOG.info(
              "Write {}: {} has too many unfinished import jobs ({}); creating job {} again"
                  + " in {} ms",
              manifest.writeId,
              api.serviceName(),
              e.serverMessage(),
              job.index + 1,
              limitWaitMillis);
          nextCreateNanos = System.nanoTime() + limitWaitMillis * 1_000_000;
          limitWaitMillis = jitter(Math.min(limitWaitMillis * 2, maxPollInterval.toMillis()));
        } catch (MilvusTransportException | LostJobFinder.Undecided e) {
          store.trySave(manifest);
          return RunResult.unknown(
              api.serviceName()
                  + " did not answer the create of import job "
                  + (job.index + 1)
                  + " of "
                  + manifest.jobs.size()
                  + " (idempotency key "
                  + job.idempotencyKey
                  + ") after retries: "
                  + e.getMessage());
        }
      }
      peakUnfinished = Math.max(peakUnfinished, active.size());
      boolean pollFailed = false;
      for (WriteManifest.Job job : List.copyOf(active)) {
        ImportJobStatus status;
        try {
          status = api.describe(job.jobId);
        } catch (MilvusTransportException e) {
          LOG.warn(
              "Write {}: polling import job {} failed: {}",
              manifest.writeId,
              job.jobId,
              e.getMessage());
          pollFailed = true;
          continue;
        } catch (MilvusServerException e) {
          if (!api.isJobNotFound(e)) {
            throw e;
          }
          if (committed && !"Failed".equals(job.state)) {
            // A committed job cannot be rolled back, so one Milvus forgot has completed.
            status = ImportJobStatus.inferredCompleted(job.jobId, job.expectedRows);
          } else {
            store.trySave(manifest);
            return RunResult.unknown(
                api.serviceName()
                    + " no longer knows import job "
                    + job.jobId
                    + " (\"import job does not exist\": finished jobs are forgotten after"
                    + " dataCoord.import.taskRetention); it was last seen "
                    + job.state
                    + ", so whether its "
                    + job.expectedRows
                    + " rows were imported cannot be told from "
                    + api.serviceName());
          }
        }
        manifestState(job, status);
        progress.put(job.index, status.progress());
        LOG.info(
            "Write {}: import job {} ({} of {}): {} {}% ({} of {} rows)",
            manifest.writeId,
            job.jobId,
            job.index + 1,
            manifest.jobs.size(),
            status.state(),
            status.progress(),
            status.importedRows(),
            status.totalRows());
        if (status.failed()) {
          failures.add("import job " + job.jobId + " failed: " + status.failureDescription());
          active.remove(job);
        } else if (status.completed() || (!committed && status.doneReading())) {
          active.remove(job);
        }
      }
      failedRounds = pollFailed ? failedRounds + 1 : 0;
      save();
      logOverall();
      if (!failures.isEmpty() && manifest.twoPhase() && !committed) {
        // Every job of a two-phase write is aborted after a failure: waiting for the others
        // would only delay that.
        return RunResult.failed(String.join("; ", failures));
      }
      if (failedRounds >= MAX_FAILED_POLL_ROUNDS) {
        return RunResult.unknown(
            "lost contact with " + api.serviceName() + " while polling import jobs " + ids(active));
      }
      boolean stopCreating = !failures.isEmpty();
      if (active.isEmpty() && (toCreate.isEmpty() || stopCreating)) {
        return failures.isEmpty()
            ? RunResult.done()
            : RunResult.failed(String.join("; ", failures));
      }
      long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (remaining <= 0) {
        return RunResult.timedOut(
            "import jobs "
                + ids(active)
                + (toCreate.isEmpty() ? "" : " (and " + toCreate.size() + " not yet created)")
                + " did not finish within importTimeout "
                + timeoutText);
      }
      sleep(Math.min(waitMillis, remaining));
      waitMillis = Math.min((long) (waitMillis * 1.5) + 1, maxPollInterval.toMillis());
    }
  }

  private void manifestState(WriteManifest.Job job, ImportJobStatus status) {
    manifest.jobState(
        job,
        status.state(),
        status.importedRows(),
        status.failed() ? status.failureDescription() : "");
  }

  private void logOverall() {
    if (manifest.jobs.size() < 2) {
      return;
    }
    long sum = 0;
    for (WriteManifest.Job job : manifest.jobs) {
      boolean done = "Completed".equals(job.state) || readDone(job.state);
      sum += done ? 100 : job.jobId == null ? 0 : progress.getOrDefault(job.index, 0);
    }
    LOG.info(
        "Write {}: overall {}% of {} import jobs",
        manifest.writeId, sum / manifest.jobs.size(), manifest.jobs.size());
  }

  private void save() {
    store.save(manifest);
  }

  private static List<String> ids(List<WriteManifest.Job> jobs) {
    List<String> ids = new ArrayList<>();
    jobs.forEach(j -> ids.add(j.jobId));
    return ids;
  }

  static long jitter(long millis) {
    return millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while waiting for import jobs", e);
    }
  }
}
