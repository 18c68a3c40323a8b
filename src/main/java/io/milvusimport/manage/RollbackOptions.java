package io.milvusimport.manage;

import java.time.Duration;

/**
 * How {@link SnapshotManager#rollback} restores: the new collection's name (derived when not
 * given), how long to wait for the restore, and whether to drop the collection rolled back from
 * (kept by default, so a rollback can itself be undone). Immutable; each setter returns a copy.
 */
public final class RollbackOptions {
  private final String targetCollection;
  private final Duration timeout;
  private final boolean dropOld;

  private RollbackOptions(String targetCollection, Duration timeout, boolean dropOld) {
    this.targetCollection = targetCollection;
    this.timeout = timeout;
    this.dropOld = dropOld;
  }

  /** Derived target name, a 1 hour wait, the old collection kept. */
  public static RollbackOptions defaults() {
    return new RollbackOptions(null, Duration.ofHours(1), false);
  }

  /** The new collection to restore into (must not exist); null derives {@code <old>_<snapshot>}. */
  public RollbackOptions targetCollection(String name) {
    return new RollbackOptions(name, timeout, dropOld);
  }

  /** How long to wait for the restore job. */
  public RollbackOptions timeout(Duration value) {
    return new RollbackOptions(targetCollection, value, dropOld);
  }

  /** As {@link #timeout(Duration)}, for callers without java.time (PySpark). */
  public RollbackOptions timeoutSeconds(long seconds) {
    return timeout(Duration.ofSeconds(seconds));
  }

  /** Drop the collection rolled back from once the alias points at the restored one. */
  public RollbackOptions dropOld(boolean value) {
    return new RollbackOptions(targetCollection, timeout, value);
  }

  public String targetCollection() {
    return targetCollection;
  }

  public Duration timeout() {
    return timeout;
  }

  public boolean dropOld() {
    return dropOld;
  }
}
