package io.milvusimport.manage;

/**
 * What a {@link SnapshotManager#rollback} did: which collection now serves, and how it got there.
 */
public final class Rollback {
  private final String alias;
  private final String previousCollection;
  private final RestoreJob job;
  private final boolean previousDropped;

  Rollback(String alias, String previousCollection, RestoreJob job, boolean previousDropped) {
    this.alias = alias;
    this.previousCollection = previousCollection;
    this.job = job;
    this.previousDropped = previousDropped;
  }

  /** The alias switched to the restored collection, or null when a collection name was given. */
  public String alias() {
    return alias;
  }

  /** The collection rolled back from (the alias's target before). */
  public String previousCollection() {
    return previousCollection;
  }

  /** The new collection holding the snapshot's rows. */
  public String restoredCollection() {
    return job.targetCollection();
  }

  /** The completed restore job. */
  public RestoreJob job() {
    return job;
  }

  /** Whether the previous collection was dropped ({@link RollbackOptions#dropOld}). */
  public boolean previousDropped() {
    return previousDropped;
  }

  @Override
  public String toString() {
    return "Rollback{"
        + (alias == null ? "" : "alias=" + alias + ", ")
        + "from="
        + previousCollection
        + ", to="
        + restoredCollection()
        + ", job="
        + job.jobId()
        + (previousDropped ? ", previous dropped" : "")
        + "}";
  }
}
