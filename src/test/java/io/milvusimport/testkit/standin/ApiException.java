package io.milvusimport.testkit.standin;

/** A Milvus error answer: HTTP status (200 for all but auth) plus Milvus code and message. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int httpStatus;
  final int code;

  ApiException(int code, String message) {
    this(200, code, message);
  }

  ApiException(int httpStatus, int code, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
  }
}
