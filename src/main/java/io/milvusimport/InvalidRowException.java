package io.milvusimport;

/**
 * A row holds a value Milvus would reject. Raised on the executor while staging, so the write fails
 * before any import job exists instead of an hour into a server-side import.
 */
public final class InvalidRowException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public InvalidRowException(String message) {
    super(message);
  }
}
