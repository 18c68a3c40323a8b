package io.milvusimport;

/**
 * The import jobs did not finish within {@code importTimeout}. They may still complete on the
 * server, so the staged files are kept; the message names the jobs and how to check them.
 */
public final class ImportTimeoutException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public ImportTimeoutException(String message) {
    super(message);
  }
}
