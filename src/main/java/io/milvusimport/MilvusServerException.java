package io.milvusimport;

/**
 * Milvus answered a request with a non-zero code. Carries Milvus's own code and message so they can
 * be looked up in Milvus's documentation. Not final: a refusal of Zilliz Cloud's control plane
 * ({@code cloud.ZillizCloudException}) is one too, so the commit handles both alike.
 */
public class MilvusServerException extends MilvusImportException {
  private static final long serialVersionUID = 1L;
  private final int code;
  private final String serverMessage;
  private final boolean retriable;

  public MilvusServerException(String endpoint, int code, String serverMessage) {
    this(endpoint, code, serverMessage, false);
  }

  /**
   * @param retriable true when repeating the same request may succeed and cannot act twice (see
   *     {@code RetryPolicy}: Milvus's retriable codes, on a create only those answered before it
   *     ran)
   */
  public MilvusServerException(String endpoint, int code, String serverMessage, boolean retriable) {
    super("Milvus " + endpoint + " failed with code " + code + ": " + serverMessage);
    this.code = code;
    this.serverMessage = serverMessage;
    this.retriable = retriable;
  }

  public MilvusServerException(String message, int code, String serverMessage, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.serverMessage = serverMessage;
    this.retriable = false;
  }

  /** For subclasses with their own wording (another server's refusal). */
  protected MilvusServerException(
      String message, int code, String serverMessage, boolean retriable, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.serverMessage = serverMessage;
    this.retriable = retriable;
  }

  /** Milvus's error code ({@code 100} collection not found, {@code 2100} import failed, ...). */
  public int code() {
    return code;
  }

  /** True when a later attempt of the same request may succeed (a retriable Milvus code). */
  public boolean retriable() {
    return retriable;
  }

  /** Milvus's message, verbatim. */
  public String serverMessage() {
    return serverMessage;
  }
}
