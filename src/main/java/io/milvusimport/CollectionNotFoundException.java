package io.milvusimport;

/** The collection a snapshot operation names does not exist (Milvus 100). */
public final class CollectionNotFoundException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public CollectionNotFoundException(
      String message, String snapshot, String collection, String database, Throwable cause) {
    super(message, snapshot, collection, database, cause);
  }
}
