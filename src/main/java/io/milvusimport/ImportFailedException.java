package io.milvusimport;

/**
 * Milvus ended an import job as Failed, or the outcome of the import does not match what was
 * staged. The message carries the job id and Milvus's reason, which names the file at fault.
 */
public final class ImportFailedException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public ImportFailedException(String message) {
    super(message);
  }

  public ImportFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
