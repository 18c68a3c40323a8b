package io.milvusimport;

/** A write option is missing or malformed; raised on the driver before anything is staged. */
public final class InvalidOptionException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public InvalidOptionException(String message) {
    super(message);
  }
}
