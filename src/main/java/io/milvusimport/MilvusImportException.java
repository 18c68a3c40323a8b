package io.milvusimport;

/**
 * Root of every error milvus-import raises on purpose, so a job can tell "the connector refused or
 * Milvus failed the import" from an unrelated Spark failure with one {@code catch}. Messages are
 * written for the person running the job: they name the option, field, file or import job at fault
 * and never contain a credential.
 */
public class MilvusImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MilvusImportException(String message) {
    super(message);
  }

  public MilvusImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
