package io.milvusimport.commit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures where a commit's time goes, so the connector's own overhead (planning, manifest writes,
 * creates, polling gaps, cleanup) can be told apart from the time Milvus spends importing, and logs
 * it once at the end.
 */
final class CommitReport {
  private static final Logger LOG = LoggerFactory.getLogger(CommitReport.class);

  private final String writeId;
  private long started = System.nanoTime();
  private long importStarted;
  private long importFinished;
  private long cleanupNanos;
  private int jobs;
  private int peakUnfinished;
  private ManifestStore store;

  CommitReport(String writeId) {
    this.writeId = writeId;
  }

  /** The commit begins: Spark's tasks are done. */
  void commitStarted() {
    started = System.nanoTime();
  }

  void manifestStore(ManifestStore manifestStore) {
    this.store = manifestStore;
  }

  void importStarted() {
    importStarted = System.nanoTime();
  }

  void importFinished(int jobCount, int peak) {
    importFinished = System.nanoTime();
    jobs = jobCount;
    peakUnfinished = peak;
  }

  void cleanup(Runnable cleanup) {
    long begin = System.nanoTime();
    cleanup.run();
    cleanupNanos += System.nanoTime() - begin;
  }

  /** Seconds from the first create to the last job's end. */
  long importSeconds() {
    return Math.max(0, importFinished - importStarted) / 1_000_000_000L;
  }

  void log() {
    long total = (System.nanoTime() - started) / 1_000_000;
    long importing = Math.max(0, importFinished - importStarted) / 1_000_000;
    long before = Math.max(0, importStarted - started) / 1_000_000;
    LOG.info(
        "Write {}: commit took {} ms: {} ms creating and awaiting {} import jobs (at most {}"
            + " unfinished at once), {} ms planning before the first job, {} ms cleanup; manifest"
            + " written {} times in {} ms",
        writeId,
        total,
        importing,
        jobs,
        peakUnfinished,
        before,
        cleanupNanos / 1_000_000,
        store == null ? 0 : store.saves(),
        store == null ? 0 : store.saveMillis());
  }
}
