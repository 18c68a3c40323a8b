package io.milvusimport;

/**
 * A snapshot or restore operation of the management API failed in a way a user can act on. Its
 * subclasses say which (missing, taken, pinned, too old a server, ...), so a caller can catch the
 * one it handles; every message names the snapshot, the collection and the database, also available
 * as fields. Other Milvus failures stay {@link MilvusServerException}.
 */
public class SnapshotException extends MilvusImportException {
  private static final long serialVersionUID = 1L;
  private final String snapshot;
  private final String collection;
  private final String database;

  public SnapshotException(
      String message, String snapshot, String collection, String database, Throwable cause) {
    super(message, cause);
    this.snapshot = snapshot;
    this.collection = collection;
    this.database = database;
  }

  /** The snapshot concerned, or null when the operation named none (a restore job lookup). */
  public String snapshot() {
    return snapshot;
  }

  /** The collection concerned (a restore's target for target errors), or null when unknown. */
  public String collection() {
    return collection;
  }

  /** The collection's database, or null when unknown. */
  public String database() {
    return database;
  }
}
