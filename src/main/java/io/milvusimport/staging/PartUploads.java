package io.milvusimport.staging;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one task's parts to an object store a few at a time (through Hadoop, or into a volume):
 * complete local files, and the closes of streamed parts ({@link BackgroundClose}). A column group
 * has one part per field and each upload is several requests (probe, PUT, marker cleanup), so one
 * after another a 12-field group pays a dozen round trips in a row; overlapping them hides that
 * latency. A local file is renamed first, so the encoder can reuse its spill path at once.
 */
final class PartUploads {
  private static final Logger LOG = LoggerFactory.getLogger(PartUploads.class);

  /** Enough to overlap a group's request latency without competing with Spark's task threads. */
  static final int PARALLEL = 4;

  /** Uploads one complete local file to where it belongs. */
  @FunctionalInterface
  interface Upload {
    void from(java.nio.file.Path localFile) throws IOException;
  }

  /** Work that ends an upload. */
  @FunctionalInterface
  interface Work {
    void run() throws IOException;
  }

  private final String threadName;
  private final List<Future<?>> pending = new ArrayList<>();
  private ExecutorService pool;
  private int handedOver;

  /** Set by {@link #close}: later work runs on the calling thread. */
  private boolean ended;

  PartUploads(String threadName) {
    this.threadName = threadName;
  }

  /** Starts uploading {@code localFile}; {@link #awaitAll} reports the outcome. */
  void submit(java.nio.file.Path localFile, Upload upload) throws IOException {
    java.nio.file.Path handed =
        localFile.resolveSibling(localFile.getFileName() + ".upload-" + handedOver++);
    Files.move(localFile, handed);
    submit(() -> upload.from(handed));
  }

  /**
   * Starts {@code work} (the end of an upload, such as closing an object store's stream). Once
   * {@link #close} has run, the work runs at once on the calling thread instead: that is an encoder
   * closing what a failed task abandoned, and its upload must end before the task deletes its
   * files, or it would land after the cleanup.
   */
  void submit(Work work) throws IOException {
    if (ended) {
      work.run();
      return;
    }
    if (pool == null) {
      pool =
          Executors.newFixedThreadPool(
              PARALLEL,
              runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
              });
    }
    pending.add(
        pool.submit(
            () -> {
              work.run();
              return null;
            }));
  }

  /** Waits for every upload started so far; throws the first failure once all have ended. */
  void awaitAll() throws IOException {
    IOException failure = null;
    for (Future<?> upload : pending) {
      try {
        upload.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof IOException
                  ? (IOException) e.getCause()
                  : new IOException("Uploading a staged part failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while staged parts were uploading");
      }
    }
    pending.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Waits until every upload under way has ended, also on an interrupted thread (a cancelled task),
   * and stops the pool; work submitted afterwards runs on the caller's thread. Upload threads are
   * never interrupted: an interrupted S3A upload returns at once while its PUT carries on in the
   * SDK's own threads and lands later, after the task deleted its files. Waiting them out lets
   * {@link RollingFileWriter#discard} delete everything.
   */
  void close() {
    boolean interrupted = false;
    for (Future<?> upload : pending) {
      while (true) {
        try {
          upload.get();
          break;
        } catch (ExecutionException e) {
          LOG.debug("An upload of a discarded part failed", e.getCause());
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    pending.clear();
    ended = true;
    if (pool != null) {
      pool.shutdown();
      pool = null;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
