package io.milvusimport;

/**
 * The server has no REST route for snapshots (HTTP 404): snapshots over REST need Milvus 3.0.1 or
 * later (restore-job routes 3.0.0).
 */
public final class SnapshotsUnsupportedException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  public SnapshotsUnsupportedException(
      String message, String snapshot, String collection, String database, Throwable cause) {
    super(message, snapshot, collection, database, cause);
  }
}
