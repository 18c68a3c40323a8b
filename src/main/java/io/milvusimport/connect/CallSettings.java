package io.milvusimport.connect;

import io.milvusimport.milvus.RetryPolicy;
import java.time.Duration;

/**
 * How long one HTTP call may take and how failed calls are retried ({@code requestTimeout}, {@code
 * retries}, and the back-off from {@code pollInterval} to {@code maxPollInterval}), parsed once so
 * Milvus's REST API and Zilliz Cloud's control plane read these keys with one meaning.
 */
public final class CallSettings {
  private final Duration requestTimeout;
  private final int retries;
  private final Duration retryInitialDelay;
  private final Duration retryMaxDelay;

  private CallSettings(OptionValues values) {
    this.retryInitialDelay =
        values.duration(ConnectionKeys.POLL_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(10));
    this.retryMaxDelay =
        values.duration(
            ConnectionKeys.MAX_POLL_INTERVAL, Duration.ofSeconds(30), retryInitialDelay);
    this.requestTimeout =
        values.duration(
            ConnectionKeys.REQUEST_TIMEOUT, Duration.ofSeconds(60), Duration.ofMillis(100));
    this.retries = values.integer(ConnectionKeys.RETRIES, 5, 0, 100);
  }

  /** Reads the four keys from options with lower-case keys. */
  public static CallSettings parse(OptionValues values) {
    return new CallSettings(values);
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public int retries() {
    return retries;
  }

  /** First wait before a retry ({@code pollInterval}). */
  public Duration retryInitialDelay() {
    return retryInitialDelay;
  }

  /** Longest wait before a retry ({@code maxPollInterval}). */
  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  /** Retries transient faults {@link #retries} times, backing off from {@code pollInterval}. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(retries, retryInitialDelay, retryMaxDelay);
  }
}
