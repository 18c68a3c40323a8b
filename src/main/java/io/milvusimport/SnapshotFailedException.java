package io.milvusimport;

/**
 * Every import job of the write completed, but the snapshot asked for with the {@code snapshot}
 * option could not be created. The rows are in the collection; only the snapshot is missing.
 */
public final class SnapshotFailedException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public SnapshotFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
