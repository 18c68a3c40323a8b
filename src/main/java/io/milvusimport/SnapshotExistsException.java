package io.milvusimport;

/**
 * The collection already has a snapshot of this name that this call did not make: names are unique
 * per collection.
 */
public final class SnapshotExistsException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public SnapshotExistsException(
      String message, String snapshot, String collection, String database) {
    super(message, snapshot, collection, database, null);
  }
}
