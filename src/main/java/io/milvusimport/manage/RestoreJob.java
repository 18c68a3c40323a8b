package io.milvusimport.manage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * One snapshot restore job as Milvus reports it ({@code jobs/snapshot/describe} or {@code list}):
 * an immutable value whose state is Milvus's own text ({@code RestoreSnapshotPending}, {@code
 * ...Executing}, {@code ...Completed}, {@code ...Failed}), so what users see matches Milvus's
 * documentation.
 */
public final class RestoreJob {
  /** Milvus's state of a finished, successful restore. */
  public static final String COMPLETED = "RestoreSnapshotCompleted";

  /** Milvus's state of a failed restore; {@link #reason} says why. */
  public static final String FAILED = "RestoreSnapshotFailed";

  private final String jobId;
  private final String snapshot;
  private final String targetDatabase;
  private final String targetCollection;
  private final String state;
  private final int progress;
  private final String reason;
  private final long startTimeMillis;
  private final long timeCostMillis;

  private RestoreJob(JsonNode data) {
    this.jobId = Int64s.text(data.get("jobId"));
    this.snapshot = data.path("snapshotName").asText("");
    this.targetDatabase = data.path("dbName").asText("");
    this.targetCollection = data.path("collectionName").asText("");
    this.state = data.path("state").asText("");
    this.progress = (int) Int64s.of(data.get("progress"));
    this.reason = data.path("reason").asText("");
    this.startTimeMillis = Int64s.of(data.get("startTime"));
    this.timeCostMillis = Int64s.of(data.get("timeCost"));
  }

  /** From a describe answer's {@code data} or one list record; int64s as numbers or strings. */
  static RestoreJob from(JsonNode data) {
    return new RestoreJob(data);
  }

  public String jobId() {
    return jobId;
  }

  /** The snapshot being restored. */
  public String snapshot() {
    return snapshot;
  }

  /** The database of the new collection. */
  public String targetDatabase() {
    return targetDatabase;
  }

  /** The new collection the snapshot is restored into. */
  public String targetCollection() {
    return targetCollection;
  }

  /** Milvus's state text, such as {@code RestoreSnapshotExecuting}. */
  public String state() {
    return state;
  }

  /** Percent of the snapshot's segments copied, 0 to 100. */
  public int progress() {
    return progress;
  }

  /** Why the job failed; empty otherwise. */
  public String reason() {
    return reason;
  }

  public long startTimeMillis() {
    return startTimeMillis;
  }

  public Instant startedAt() {
    return Instant.ofEpochMilli(startTimeMillis);
  }

  /** How long the job ran (until now, while it runs), in milliseconds. */
  public long timeCostMillis() {
    return timeCostMillis;
  }

  public Duration timeCost() {
    return Duration.ofMillis(timeCostMillis);
  }

  public boolean completed() {
    return COMPLETED.equals(state);
  }

  public boolean failed() {
    return FAILED.equals(state);
  }

  /** Completed or failed: the job will not change any more. */
  public boolean finished() {
    return completed() || failed();
  }

  @Override
  public String toString() {
    return "RestoreJob{"
        + jobId
        + ": snapshot "
        + snapshot
        + " into "
        + targetDatabase
        + "."
        + targetCollection
        + ", "
        + state
        + " "
        + progress
        + "%"
        + (reason.isEmpty() ? "" : ", reason '" + reason + "'")
        + "}";
  }
}
