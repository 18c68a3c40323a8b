package io.milvusimport.testkit.standin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Faults the stand-in (not Milvus) injects so tests can drive the connector's retry and error
 * paths. Endpoint suffixes match the end of the request path, e.g. {@code "jobs/import/create"}.
 * Thread-safe.
 */
public final class FaultPlan {
  /** What the router must do with one request. */
  static final class Fault {
    final Kind kind;
    final int code;
    final String message;
    final Duration delay;

    Fault(Kind kind, int code, String message) {
      this(kind, code, message, Duration.ZERO);
    }

    Fault(Kind kind, int code, String message, Duration delay) {
      this.kind = kind;
      this.code = code;
      this.message = message;
      this.delay = delay;
    }
  }

  enum Kind {
    ERROR_BODY,
    HTTP_STATUS,
    DROP,
    LOSE_REPLY
  }

  private final List<Map.Entry<String, Fault>> oneShot = new ArrayList<>();
  private final List<Map.Entry<String, Duration>> delays = new ArrayList<>();
  private final Deque<String> jobFailures = new ArrayDeque<>();
  private final Deque<String> preImportFailures = new ArrayDeque<>();
  private final List<Trigger> triggers = new ArrayList<>();

  /** Faults to arm when a call arrives, after letting {@code skip} such calls pass. */
  private static final class Trigger {
    final String suffix;
    final Consumer<FaultPlan> arm;
    int skip;

    Trigger(String suffix, int skip, Consumer<FaultPlan> arm) {
      this.suffix = suffix;
      this.skip = skip;
      this.arm = arm;
    }
  }

  private int jobLimitRejections;
  private boolean forgetFinished;

  /** The next {@code times} calls answer HTTP 200 {@code {"code":code,"message":message}}. */
  public synchronized FaultPlan failNext(
      String endpointSuffix, int times, int code, String message) {
    add(endpointSuffix, times, new Fault(Kind.ERROR_BODY, code, message));
    return this;
  }

  /** The next {@code times} calls answer the bare HTTP status. */
  public synchronized FaultPlan failNextHttp(String endpointSuffix, int times, int httpStatus) {
    add(endpointSuffix, times, new Fault(Kind.HTTP_STATUS, httpStatus, null));
    return this;
  }

  /** The next {@code times} calls get their connection closed without an answer. */
  public synchronized FaultPlan dropConnection(String endpointSuffix, int times) {
    add(endpointSuffix, times, new Fault(Kind.DROP, 0, null));
    return this;
  }

  /**
   * The next {@code times} calls are handled (a create makes its job) but the reply is lost: the
   * connection closes after {@code delay}, as when a proxy times out or a connection drops after
   * the server acted.
   */
  public synchronized FaultPlan loseReply(String endpointSuffix, int times, Duration delay) {
    add(endpointSuffix, times, new Fault(Kind.LOSE_REPLY, 0, null, delay));
    return this;
  }

  /** Every call to the endpoint waits {@code delay} before being handled (until reset). */
  public synchronized FaultPlan delay(String endpointSuffix, Duration delay) {
    delays.add(Map.entry(endpointSuffix, delay));
    return this;
  }

  /** The next created import job ends Failed with this reason. */
  public synchronized FaultPlan failNextJob(String reason) {
    jobFailures.add(reason);
    return this;
  }

  /**
   * The next created import job fails at its first step, in pre-import, before reading any file (so
   * it never lists per-file details), as a job whose files Milvus cannot open does.
   */
  public synchronized FaultPlan failNextJobInPreImport(String reason) {
    preImportFailures.add(reason);
    return this;
  }

  /**
   * When the next call to the endpoint arrives, {@code arm} runs once; the faults it arms apply
   * from the following calls on, e.g. polls that fail only once a commit was sent.
   */
  public FaultPlan onNextCall(String endpointSuffix, Consumer<FaultPlan> arm) {
    return onCall(endpointSuffix, 0, arm);
  }

  /** As {@link #onNextCall}, letting the first {@code skip} calls pass first. */
  public synchronized FaultPlan onCall(String endpointSuffix, int skip, Consumer<FaultPlan> arm) {
    triggers.add(new Trigger(endpointSuffix, skip, arm));
    return this;
  }

  /** The next {@code times} import creates answer Milvus's job-limit error (2101). */
  public synchronized FaultPlan rejectJobsWithLimit(int times) {
    jobLimitRejections += times;
    return this;
  }

  /** From now on describe/get_progress of a finished job answers "import job does not exist". */
  public synchronized FaultPlan forgetFinishedJobs() {
    forgetFinished = true;
    return this;
  }

  public synchronized void reset() {
    oneShot.clear();
    delays.clear();
    jobFailures.clear();
    preImportFailures.clear();
    triggers.clear();
    jobLimitRejections = 0;
    forgetFinished = false;
  }

  private void add(String suffix, int times, Fault f) {
    for (int i = 0; i < times; i++) {
      oneShot.add(Map.entry(suffix, f));
    }
  }

  /** Runs (once) the triggers armed for this call. */
  void fireTriggers(String path) {
    List<Consumer<FaultPlan>> fire = new ArrayList<>();
    synchronized (this) {
      triggers.removeIf(
          t -> {
            if (!path.endsWith(t.suffix)) {
              return false;
            }
            if (t.skip > 0) {
              t.skip--;
              return false;
            }
            fire.add(t.arm);
            return true;
          });
    }
    fire.forEach(arm -> arm.accept(this));
  }

  synchronized String takePreImportFailure() {
    return preImportFailures.poll();
  }

  synchronized Optional<Fault> takeFault(String path) {
    for (int i = 0; i < oneShot.size(); i++) {
      if (path.endsWith(oneShot.get(i).getKey())) {
        return Optional.of(oneShot.remove(i).getValue());
      }
    }
    return Optional.empty();
  }

  synchronized Duration delayFor(String path) {
    Duration d = Duration.ZERO;
    for (Map.Entry<String, Duration> e : delays) {
      if (path.endsWith(e.getKey()) && e.getValue().compareTo(d) > 0) {
        d = e.getValue();
      }
    }
    return d;
  }

  synchronized String takeJobFailure() {
    return jobFailures.poll();
  }

  synchronized boolean takeJobLimitRejection() {
    if (jobLimitRejections > 0) {
      jobLimitRejections--;
      return true;
    }
    return false;
  }

  synchronized boolean forgetsFinishedJobs() {
    return forgetFinished;
  }
}
