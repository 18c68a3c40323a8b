package io.milvusimport.milvus;

import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries calls whose failure may heal: no answer (connection refused or reset, read timeout), HTTP
 * 5xx or 429, or an answer that is not Milvus's JSON. Waits grow exponentially from {@code
 * initialDelay} to {@code maxDelay} with jitter, so many drivers hitting one recovering proxy do
 * not retry in lock step. Milvus's own retriable codes ({@link #RETRIABLE_CODES}: not ready,
 * unavailable, rate limited, ...) are retried the same way. Any other Milvus error code never heals
 * by repeating the same request (bad credentials, collection 100, partition 200, parameter
 * 1100/1802), so it is thrown at once, and so is a failed TLS handshake (a certificate problem).
 *
 * <p>An import create is repeated on a Milvus code only when the code is answered before the
 * request runs ({@link #REFUSED_BEFORE_RUNNING}): otherwise the server may have made the job, and
 * on a server that ignores the {@code Idempotency-Key} a repeat could import the rows twice.
 */
public final class RetryPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  /**
   * Codes Milvus marks retriable ({@code pkg/util/merr/errors.go}) that these endpoints can answer:
   * 1 service not ready, 2 service unavailable, 4 too many concurrent requests (queue full), 8 rate
   * limit exceeded, 12 service resource insufficient, 1002 unexpected EOF, 1003 too many requests,
   * 1807 request rejected by limiter.
   */
  static final Set<Integer> RETRIABLE_CODES = Set.of(1, 2, 4, 8, 12, 1002, 1003, 1807);

  /**
   * Of those, the codes Milvus answers before the request runs: the proxy's health check (1), its
   * task queue (4) and its rate limiters (8; 1807 from the REST limiter check that precedes the
   * handler). The others (2, 12, 1002, 1003) can come from a component the proxy called after the
   * request was under way, so a create answered with them is not repeated.
   */
  static final Set<Integer> REFUSED_BEFORE_RUNNING = Set.of(1, 4, 8, 1807);

  /** The endpoint whose repeat could act twice when the first attempt did run. */
  private static final String IMPORT_CREATE = "jobs/import/create";

  private final int retries;
  private final Duration initialDelay;
  private final Duration maxDelay;

  /**
   * @param retries how many times a failed call is repeated (0 = never)
   */
  public RetryPolicy(int retries, Duration initialDelay, Duration maxDelay) {
    this.retries = retries;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay.compareTo(initialDelay) < 0 ? initialDelay : maxDelay;
  }

  /** No retries: every failure is thrown at once. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1));
  }

  public int retries() {
    return retries;
  }

  /** True for failures a later attempt of the same request may not meet. */
  public static boolean isTransient(RuntimeException e) {
    if (e instanceof MilvusServerException) {
      return ((MilvusServerException) e).retriable();
    }
    if (!(e instanceof MilvusTransportException)) {
      return false;
    }
    MilvusTransportException transport = (MilvusTransportException) e;
    if (transport.tlsHandshakeFailed()) {
      return false;
    }
    int status = transport.httpStatus();
    return status == -1 || status == 200 || status == 429 || status >= 500;
  }

  /**
   * True when Milvus's {@code code} on {@code endpoint} may heal and repeating cannot act twice.
   */
  static boolean retriableCode(String endpoint, int code) {
    if (!RETRIABLE_CODES.contains(code)) {
      return false;
    }
    return !endpoint.equals(IMPORT_CREATE) || REFUSED_BEFORE_RUNNING.contains(code);
  }

  /** Runs {@code call}, repeating it on transient failures; {@code what} names it in logs. */
  public <T> T call(String what, Supplier<T> call) {
    try {
      return repeat(
          what, call::get, e -> e instanceof RuntimeException && isTransient((RuntimeException) e));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Supplier throws no checked exception
    }
  }

  /**
   * Runs a create that must not be re-sent blindly (an import job: the server may have made it
   * although the answer was lost): {@code send} is repeated on transient failures, but before every
   * re-sent request, and before the first one when {@code mayAlreadyExist}, {@code findExisting} is
   * asked for the id of a job an earlier request made; that id is returned instead.
   */
  public String createOnce(
      String what, boolean mayAlreadyExist, Supplier<String> findExisting, Supplier<String> send) {
    boolean[] sent = {mayAlreadyExist};
    return call(
        what,
        () -> {
          if (sent[0]) {
            String existing = findExisting.get();
            if (existing != null) {
              return existing;
            }
          }
          sent[0] = true;
          return send.get();
        });
  }

  /** A step against storage, which fails with {@link IOException}. */
  public interface IoStep<T> {
    T run() throws IOException;
  }

  /**
   * Runs a storage step (object-store reads and writes), repeating any failure but the connector's
   * own refusals ({@link MilvusImportException}) with the same back-off as Milvus calls: an object
   * store's faults are transient unless they persist. Throws the last failure.
   */
  public <T> T io(String what, IoStep<T> step) throws IOException {
    return repeat(what, step, e -> !(e instanceof MilvusImportException));
  }

  private <T> T repeat(String what, IoStep<T> step, Predicate<Exception> retriable)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return step.run();
      } catch (IOException | RuntimeException e) {
        if (!retriable.test(e) || attempt >= retries) {
          throw e;
        }
        long wait = delayMillis(attempt);
        LOG.warn("{} failed ({}); retry {} of {} in {} ms", what, e, attempt + 1, retries, wait);
        sleep(wait);
      }
    }
  }

  /** The wait before retry {@code attempt + 1}: half fixed, half random, capped at maxDelay. */
  public long delayMillis(int attempt) {
    long base = initialDelay.toMillis() << Math.min(attempt, 20);
    long capped = Math.max(1, Math.min(base, maxDelay.toMillis()));
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while waiting to retry a Milvus call", e);
    }
  }
}
