package io.milvusimport;

/**
 * The snapshot name breaks Milvus's naming rule, which the message states; refused before any call.
 */
public final class InvalidSnapshotNameException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public InvalidSnapshotNameException(
      String message, String snapshot, String collection, String database) {
    super(message, snapshot, collection, database, null);
  }
}
