package io.milvusimport;

/**
 * Milvus answered a request with a non-zero code. Carries Milvus's own code and message so they can
 * be looked up in Milvus's documentation.
 */
public final class MilvusServerException extends MilvusImportException {
  private static final long serialVersionUID = 1L;
  private final int code;
  private final String serverMessage;

  public MilvusServerException(String endpoint, int code, String serverMessage) {
    super("Milvus " + endpoint + " failed with code " + code + ": " + serverMessage);
    this.code = code;
    this.serverMessage = serverMessage;
  }

  public MilvusServerException(String message, int code, String serverMessage, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.serverMessage = serverMessage;
  }

  /** Milvus's error code ({@code 100} collection not found, {@code 2100} import failed, ...). */
  public int code() {
    return code;
  }

  /** Milvus's message, verbatim. */
  public String serverMessage() {
    return serverMessage;
  }
}
