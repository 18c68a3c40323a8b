package io.milvusimport.milvus;

import io.milvusimport.MilvusImportException;

/**
 * A call got no usable answer: connection refused or reset, a timeout, an HTTP 5xx, a proxy's error
 * page. Unlike a Milvus error code, such a failure may heal, and a create that failed this way may
 * still have made a job on the server.
 */
public final class MilvusTransportException extends MilvusImportException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final boolean tls;

  MilvusTransportException(String message, int httpStatus, Throwable cause) {
    this(message, httpStatus, cause, false);
  }

  private MilvusTransportException(String message, int httpStatus, Throwable cause, boolean tls) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.tls = tls;
  }

  /**
   * A transport failure of another HTTP API the connector calls (Zilliz Cloud's control plane), so
   * {@link RetryPolicy#isTransient} treats it like Milvus's.
   *
   * @param httpStatus the HTTP status, or -1 when no answer arrived
   */
  public static MilvusTransportException of(String message, int httpStatus, Throwable cause) {
    return new MilvusTransportException(message, httpStatus, cause);
  }

  /**
   * The TLS handshake failed (untrusted or mismatching certificate, refused client certificate): a
   * configuration problem that repeating the call cannot heal, and no request was sent.
   */
  static MilvusTransportException tlsHandshake(String message, Throwable cause) {
    return new MilvusTransportException(message, -1, cause, true);
  }

  /** True for a failed TLS handshake (see {@link #tlsHandshake}). */
  public boolean tlsHandshakeFailed() {
    return tls;
  }

  /** The HTTP status, or -1 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }
}
