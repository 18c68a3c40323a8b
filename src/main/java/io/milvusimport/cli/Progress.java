package io.milvusimport.cli;

import io.milvusimport.manage.RestoreJob;
import io.milvusimport.milvus.ImportJobStatus;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Shows a restore or cloud import job's progress while {@code --wait} polls it: a bar redrawn in
 * place when the output is a terminal, else one plain line per change of state or percent (log
 * files and CI consoles cannot redraw).
 */
final class Progress implements Consumer<RestoreJob> {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean bar;
  private String last = "";
  private boolean lastFinished;

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
