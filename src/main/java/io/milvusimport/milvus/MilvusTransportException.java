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

  MilvusTransportException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status, or -1 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }
}
