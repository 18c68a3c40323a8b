package io.milvusimport;

/** The snapshot does not exist in the collection (Milvus 2600 "snapshot not found"). */
public final class SnapshotNotFoundException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public SnapshotNotFoundException(
      String message, String snapshot, String collection, String database, Throwable cause) {
    super(message, snapshot, collection, database, cause);
  }
}
