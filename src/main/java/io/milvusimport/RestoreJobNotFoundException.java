package io.milvusimport;

/**
 * Milvus does not know the restore job: a wrong id, or a job that ended more than 3 hours ago
 * (Milvus forgets finished restore jobs then).
 */
public final class RestoreJobNotFoundException extends SnapshotException {
  private static final long serialVersionUID = 1L;
  private final String jobId;

  public RestoreJobNotFoundException(
      String message, String jobId, String snapshot, String collection, String database) {
    super(message, snapshot, collection, database, null);
    this.jobId = jobId;
  }

  /** The restore job's id. */
  public String jobId() {
    return jobId;
  }
}
