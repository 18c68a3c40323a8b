package io.milvusimport;

/**
 * A rollback ({@code SnapshotManager.rollback}) did not finish: the restore failed or timed out, or
 * the alias could not be switched. The message says what state the collections and the alias are in
 * and what to do next.
 */
public final class RollbackFailedException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public RollbackFailedException(
      String message, String snapshot, String collection, String database, Throwable cause) {
    super(message, snapshot, collection, database, cause);
  }
}
