package io.milvusimport;

/**
 * A wait for a restore job ran out of time. The job keeps running on the server; the message says
 * how to check it.
 */
public final class RestoreTimeoutException extends SnapshotException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public RestoreTimeoutException(
      String message, String jobId, String snapshot, String collection, String database) {
    super(message, snapshot, collection, database, null);
    this.jobId = jobId;
  }

  /** The restore job's id. */
  public String jobId() {
    return jobId;
  }
}
