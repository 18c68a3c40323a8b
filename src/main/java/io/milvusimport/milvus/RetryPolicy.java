package io.milvusimport.milvus;

import io.milvusimport.MilvusImportException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries calls whose failure may heal: no answer (connection refused or reset, read timeout), HTTP
 * 5xx or 429, or an answer that is not Milvus's JSON. Waits grow exponentially from {@code
 * initialDelay} to {@code maxDelay} with jitter, so many drivers hitting one recovering proxy do
 * not retry in lock step. A Milvus error code never heals by repeating the same request (bad
 * credentials, collection 100, partition 200, parameter 1100/1802), so it is thrown at once.
 */
public final class RetryPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

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
    if (!(e instanceof MilvusTransportException)) {
      return false;
    }
    int status = ((MilvusTransportException) e).httpStatus();
    return status == -1 || status == 200 || status == 429 || status >= 500;
  }

  /** Runs {@code call}, repeating it on transient failures; {@code what} names it in logs. */
  public <T> T call(String what, Supplier<T> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!isTransient(e) || attempt >= retries) {
          throw e;
        }
        long wait = delayMillis(attempt);
        LOG.warn(
            "{} failed ({}); retry {} of {} in {} ms",
            what,
            e.getMessage(),
            attempt + 1,
            retries,
            wait);
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
