package io.milvusimport;

/**
 * The snapshot cannot be dropped while a restore from it is running (Milvus 2601 "snapshot is
 * pinned"); drop it once the restore job has ended.
 */
public final class SnapshotPinnedException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public SnapshotPinnedException(
      String message, String snapshot, String collection, String database, Throwable cause) {
    super(message, snapshot, collection, database, cause);
  }
}
