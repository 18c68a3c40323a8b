package io.milvusimport.cli;

import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.UploadProgress;
import io.milvusimport.milvus.ImportJobStatus;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Shows a restore or cloud import job's progress while {@code --wait} polls it, or an upload's
 * ({@code volume upload}): a bar redrawn in place when the output is a terminal, else plain lines
 * (log files and CI consoles cannot redraw): one per change of state or percent of a job, one per
 * finished file of an upload and at most every {@link #PLAIN_EVERY_NANOS} in between.
 */
final class Progress implements Consumer<RestoreJob> {
  private static final int WIDTH = 30;
  private static final long BAR_EVERY_NANOS = 100_000_000L;
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
  private final PrintStream out;
  private final boolean bar;
  private String last = "";
  private boolean lastFinished;
  private long lastDrawn;
  private int lastFiles = -1;
  private int lastWidth;

  Progress(PrintStream out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  @Override
  public void accept(RestoreJob job) {
    show("restore job " + job.jobId(), job.state(), job.progress(), job.finished());
  }

  /** The same display for a cloud import job ({@code import create --wait}). */
  Consumer<ImportJobStatus> forImports() {
    return job -> show("import job " + job.jobId(), job.state(), job.progress(), job.finished());
  }

  /** The display of a {@code volume upload}: bytes, files, rate and ETA. */
  Consumer<UploadProgress> forUploads() {
    return p -> {
      long now = System.nanoTime();
      boolean fileDone = p.filesDone() != lastFiles;
      long every = bar ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS;
      if (!p.finished() && !fileDone && lastDrawn != 0 && now - lastDrawn < every) {
        return;
      }
      if (bar && !p.finished() && lastDrawn != 0 && now - lastDrawn < BAR_EVERY_NANOS) {
        return;
      }
      if (p.finished() && lastFinished) {
        return;
      }
      lastDrawn = now;
      lastFiles = p.filesDone();
      last = p.describe();
      lastFinished = p.finished();
      if (bar) {
        String line = p.bar(WIDTH);
        out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        lastWidth = line.length();
        if (p.finished()) {
          out.println();
        }
      } else {
        out.println("upload: " + p.describe());
      }
      out.flush();
    };
  }

  private void show(String what, String state, int progress, boolean finished) {
    String now = state + " " + progress + "%";
    if (now.equals(last)) {
      return;
    }
    last = now;
    lastFinished = finished;
    if (bar) {
      int filled = Math.max(0, Math.min(WIDTH, progress * WIDTH / 100));
      out.print(
          "\r["
              + "#".repeat(filled)
              + "-".repeat(WIDTH - filled)
              + "] "
              + String.format("%3d%% ", progress)
              + state);
      if (finished) {
        out.println();
      }
    } else {
      out.println(what + ": " + now);
    }
    out.flush();
  }

  /** Ends a bar left open (the wait ended without a finished state). */
  void close() {
    if (bar && !last.isEmpty() && !lastFinished) {
      out.println();
    }
  }
}
