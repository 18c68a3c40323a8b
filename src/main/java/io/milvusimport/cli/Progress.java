package io.milvusimport.cli;

import io.milvusimport.manage.RestoreJob;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Shows a restore job's progress while {@code restore --wait} polls it: a bar redrawn in place when
 * the output is a terminal, else one plain line per change of state or percent (log files and CI
 * consoles cannot redraw).
 */
final class Progress implements Consumer<RestoreJob> {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean bar;
  private String last = "";

  Progress(PrintStream out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  @Override
  public void accept(RestoreJob job) {
    String now = job.state() + " " + job.progress() + "%";
    if (now.equals(last)) {
      return;
    }
    last = now;
    if (bar) {
      int filled = Math.max(0, Math.min(WIDTH, job.progress() * WIDTH / 100));
      out.print(
          "\r["
              + "#".repeat(filled)
              + "-".repeat(WIDTH - filled)
              + "] "
              + String.format("%3d%% ", job.progress())
              + job.state());
      if (job.finished()) {
        out.println();
      }
    } else {
      out.println("restore job " + job.jobId() + ": " + now);
    }
    out.flush();
  }

  /** Ends a bar left open (the wait ended without a finished state). */
  void close() {
    if (bar
        && !last.isEmpty()
        && !last.startsWith(RestoreJob.COMPLETED)
        && !last.startsWith(RestoreJob.FAILED)) {
      out.println();
    }
  }
}
