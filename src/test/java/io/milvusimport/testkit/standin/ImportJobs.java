package io.milvusimport.testkit.standin;

import io.milvusimport.testkit.standin.ImportJob.FileDetail;
import io.milvusimport.testkit.standin.ImportJob.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import jobs of the stand-in: a background thread moves each job Pending -> Importing ->
 * Completed/Failed, one {@code stepDelay} per step. While importing it reads every file through
 * {@link FileSource} and validates it with its own reader; a job's rows become visible only when it
 * completes, all at once. A failed job imports nothing.
 */
final class ImportJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
  private static final String TAG = "[milvus stand-in, not Milvus]";
  private static final AtomicLong IDS = new AtomicLong(455_000_000_000_000_000L);

  private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
  private final List<ImportJob> order = new ArrayList<>();
  private final FileSource source;
  private final ImportFileReaders readers;
  private final long maxFileSizeBytes;
  private final Duration stepDelay;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "milvus-stand-in-jobs");
            t.setDaemon(true);
            return t;
          });

  ImportJobs(
      FileSource source,
      ImportFileReaders.Settings settings,
      long maxFileSizeBytes,
      Duration stepDelay) {
    this.source = source;
    this.readers = new ImportFileReaders(source, settings);
    this.maxFileSizeBytes = maxFileSizeBytes;
    this.stepDelay = stepDelay;
  }

  private long peakUnfinished;

  synchronized long unfinished() {
    return order.stream().filter(j -> !j.finished()).count();
  }

  /** The most jobs that were unfinished at once (Uncommitted ones count, as in Milvus). */
  synchronized long peakUnfinished() {
    return peakUnfinished;
  }

  /** Runs {@code step} one {@code stepDelay} from now on the job thread. */
  void later(Runnable step) {
    scheduler.schedule(step, stepDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized ImportJob submit(
      CollectionSpec c,
      String partition,
      List<List<String>> files,
      Map<String, String> options,
      String injectedFailure,
      String preImportFailure,
      boolean twoPhase) {
    ImportJob job =
        new ImportJob(
            Long.toString(IDS.incrementAndGet()),
            c,
            partition,
            files,
            options,
            injectedFailure,
            preImportFailure,
            twoPhase);
    jobs.put(job.jobId, job);
    order.add(job);
    peakUnfinished = Math.max(peakUnfinished, unfinished());
    LOG.info(
        "{} job {} created: Pending ({} file(s) -> {}/{})",
        TAG,
        job.jobId,
        files.size(),
        c.name,
        partition);
    scheduler.schedule(() -> startImporting(job), stepDelay.toMillis(), TimeUnit.MILLISECONDS);
    return job;
  }

  ImportJob find(String jobId) {
    return jobs.get(jobId);
  }

  synchronized List<ImportJob> list() {
    return new ArrayList<>(order);
  }

  private void startImporting(ImportJob job) {
    synchronized (job) {
      if (job.finished()) {
        return; // aborted while Pending
      }
      if (job.preImportFailure != null) {
        job.state = State.Failed;
        job.reason = job.preImportFailure;
        job.completeTime = ImportJob.now();
        LOG.info("{} job {} -> Failed in pre-import: {}", TAG, job.jobId, job.reason);
        return;
      }
      job.importTasks = true;
      job.state = State.Importing;
      job.progress = 10;
      job.details.forEach(d -> d.state = "InProgress");
    }
    LOG.info("{} job {} -> Importing", TAG, job.jobId);
    String failure = null;
    for (int i = 0; i < job.files.size() && failure == null; i++) {
      failure = importFile(job, job.files.get(i), job.details.get(i));
    }
    if (failure == null && job.injectedFailure != null) {
      failure = job.injectedFailure;
    }
    final String reason = failure;
    synchronized (job) {
      job.progress = reason == null ? 50 : job.progress;
    }
    scheduler.schedule(() -> finish(job, reason), stepDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads one import file; returns the failure reason or null. */
  private String importFile(ImportJob job, List<String> paths, FileDetail d) {
    ImportFileRead read =
        ImportFileRead.read(readers, source, maxFileSizeBytes, job.collection, paths);
    synchronized (job) {
      d.fileSize = read.size;
      job.fileSize += read.size;
      if (read.failure == null) {
        d.totalRows = read.rows.size();
        d.progress = 100;
        job.totalRows += read.rows.size();
        job.pendingRows.addAll(read.rows);
        return null;
      }
      d.state = "Failed";
      d.reason = read.failure;
    }
    // Milvus names the file only in the per-file details, not in the job reason.
    return read.failure;
  }

  private void finish(ImportJob job, String reason) {
    synchronized (job) {
      if (job.finished()) {
        return; // aborted while importing
      }
      if (reason == null && job.twoPhase) {
        // Milvus 3.0 auto_commit=false: files read, rows held invisible until commit or abort.
        job.state = State.Uncommitted;
        job.progress = 99;
        job.importedRows = job.pendingRows.size();
        job.details.forEach(
            d -> {
              d.state = "Completed";
              d.importedRows = d.totalRows;
              d.progress = 100;
            });
        LOG.info("{} job {} -> Uncommitted ({} rows invisible)", TAG, job.jobId, job.importedRows);
        return;
      }
      job.completeTime = ImportJob.now();
      if (reason == null) {
        job.collection.addRows(job.partition, job.pendingRows);
        job.importedRows = job.pendingRows.size();
        job.state = State.Completed;
        job.progress = 100;
        job.details.forEach(
            d -> {
              d.state = "Completed";
              d.importedRows = d.totalRows;
              d.progress = 100;
            });
      } else {
        job.state = State.Failed;
        job.reason = reason;
        job.details.stream()
            .filter(d -> !"Failed".equals(d.state))
            .forEach(d -> d.state = "Failed");
      }
      job.pendingRows.clear();
    }
    if (reason == null) {
      LOG.info("{} job {} -> Completed ({} rows)", TAG, job.jobId, job.importedRows);
    } else {
      LOG.info("{} job {} -> Failed: {}", TAG, job.jobId, reason);
    }
  }

  static String extension(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash ? path.substring(dot) : ""; // Go filepath.Ext: case-sensitive
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
