package io.milvusimport.commit;

/**
 * How a round of creating and polling import jobs ended, and whether the staged files may still be
 * read by Milvus afterwards: only {@link Outcome#UNKNOWN} and {@link Outcome#TIMEOUT} leave jobs
 * whose end is not known.
 */
final class RunResult {
  enum Outcome {
    /** Every job reached the awaited state. */
    DONE,
    /** A job failed or a create was refused; every created job has reached a final state. */
    FAILED,
    /** A job's state cannot be known (no answer, or Milvus forgot it). */
    UNKNOWN,
    /** {@code importTimeout} passed with jobs still running. */
    TIMEOUT
  }

  final Outcome outcome;
  final String detail;

  private RunResult(Outcome outcome, String detail) {
    this.outcome = outcome;
    this.detail = detail;
  }

  static RunResult done() {
    return new RunResult(Outcome.DONE, "");
  }

  static RunResult failed(String detail) {
    return new RunResult(Outcome.FAILED, detail);
  }

  static RunResult unknown(String detail) {
    return new RunResult(Outcome.UNKNOWN, detail);
  }

  static RunResult timedOut(String detail) {
    return new RunResult(Outcome.TIMEOUT, detail);
  }

  boolean succeeded() {
    return outcome == Outcome.DONE;
  }

  @Override
  public String toString() {
    return outcome + (detail.isEmpty() ? "" : ": " + detail);
  }
}
