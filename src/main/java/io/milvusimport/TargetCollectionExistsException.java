package io.milvusimport;

/**
 * A restore's target collection already exists: a restore always creates a new collection, so
 * choose another name or drop the old one.
 */
public final class TargetCollectionExistsException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public TargetCollectionExistsException(
      String message, String snapshot, String collection, String database) {
    super(message, snapshot, collection, database, null);
  }
}
