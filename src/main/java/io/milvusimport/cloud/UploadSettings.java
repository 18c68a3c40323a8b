package io.milvusimport.cloud;

import io.milvusimport.InvalidOptionException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How uploads into a volume behave, sent with the write to executors: it holds the extra CA
 * certificate as PEM text (read on the driver or by the CLI from {@code cloudCaPemPath}), since an
 * executor cannot read a file on the driver's disk. Immutable; the {@code with*} methods copy.
 */
public final class UploadSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Files above this size go up as multipart uploads. */
  public static final long DEFAULT_MULTIPART_THRESHOLD = 64L << 20;

  private final String caPem;
  private final long multipartThreshold;
  private final int maxAttempts;
  private final long firstBackoffMillis;
  private final long requestTimeoutMillis;

  private UploadSettings(
      String caPem,
      long multipartThreshold,
      int maxAttempts,
      long firstBackoffMillis,
      long requestTimeoutMillis) {
    this.caPem = caPem;
    this.multipartThreshold = multipartThreshold;
    this.maxAttempts = maxAttempts;
    this.firstBackoffMillis = firstBackoffMillis;
    this.requestTimeoutMillis = requestTimeoutMillis;
  }

  /** JVM trust store, 64 MiB multipart threshold, 8 attempts from 500 ms back-off, 10 min. */
  public static UploadSettings defaults() {
    return new UploadSettings(null, DEFAULT_MULTIPART_THRESHOLD, 8, 500, 600_000);
  }

  /** Also trusts the CA certificates of this PEM text (besides the JVM's own). */
  public UploadSettings withCaPem(String pem) {
    return new UploadSettings(
        pem, multipartThreshold, maxAttempts, firstBackoffMillis, requestTimeoutMillis);
  }

  /**
   * Reads the PEM file of option {@code cloudCaPemPath} (on the driver or by the CLI) for {@link
   * #withCaPem}.
   *
   * @throws InvalidOptionException naming the option and the file when it cannot be read
   */
  public static String readCaPem(String path) {
    try {
      String pem = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
        throw new InvalidOptionException(
            "Option 'cloudCaPemPath' (" + path + ") holds no PEM certificate.");
      }
      return pem;
    } catch (IOException e) {
      throw new InvalidOptionException(
          "Option 'cloudCaPemPath' (" + path + ") cannot be read: " + e.getMessage());
    }
  }

  public UploadSettings withMultipartThreshold(long bytes) {
    return new UploadSettings(caPem, bytes, maxAttempts, firstBackoffMillis, requestTimeoutMillis);
  }

  /** Attempts per request for transient faults, and the first back-off (doubling, capped 30 s). */
  public UploadSettings withRetries(int attempts, Duration firstBackoff) {
    return new UploadSettings(
        caPem, multipartThreshold, attempts, firstBackoff.toMillis(), requestTimeoutMillis);
  }

  public UploadSettings withRequestTimeout(Duration timeout) {
    return new UploadSettings(
        caPem, multipartThreshold, maxAttempts, firstBackoffMillis, timeout.toMillis());
  }

  /** The extra CA certificates (PEM), or null. */
  public String caPem() {
    return caPem;
  }

  public long multipartThreshold() {
    return multipartThreshold;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public long firstBackoffMillis() {
    return firstBackoffMillis;
  }

  public long requestTimeoutMillis() {
    return requestTimeoutMillis;
  }
}
