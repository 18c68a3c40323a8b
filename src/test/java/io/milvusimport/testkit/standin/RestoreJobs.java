package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.standin.RestRouter.Request;
import io.milvusimport.testkit.standin.SnapshotEndpoints.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /v2/vectordb/snapshots/restore} (3.0.1+) and the restore-job routes {@code
 * /v2/vectordb/jobs/snapshot/{describe,list}} (3.0.0+), contract §6. A restore checks the source
 * collection (100), the snapshot (2600) and that the target does not exist (1100 "create duplicate
 * collection with different parameters"), creates the target with the source's schema, pins the
 * snapshot and returns a job id. A background thread then moves the job Pending -> Executing (its
 * progress rising with each copied "segment", one {@code stepDelay} each) -> Completed, when the
 * snapshot's rows appear in the target all at once; a failed job drops the target again. The pin
 * ends with the job. Finished jobs are forgotten after the retention (Milvus: 3 h).
 */
final class RestoreJobs implements AutoCloseable {
  private static final AtomicLong IDS = new AtomicLong(463_000_000_000_000_000L);
  private static final int SEGMENTS = 4;

  /** One restore job; guarded by the {@link RestoreJobs} monitor. */
  private static final class Job {
    final String id = Long.toString(IDS.incrementAndGet());
    final String snapshot;
    final String targetDb;
    final String targetCollection;
    final long startTime = System.currentTimeMillis();
    String state = "RestoreSnapshotPending";
    int progress;
    String reason = "";
    long endTime;

    Job(String snapshot, String targetDb, String targetCollection) {
      this.snapshot = snapshot;
      this.targetDb = targetDb;
      this.targetCollection = targetCollection;
    }

    boolean finished() {
      return endTime > 0;
    }
  }

  private final CollectionStore store;
  private final SnapshotEndpoints snapshots;
  private volatile Duration stepDelay;
  private final Duration retention;
  private final List<Job> jobs = new ArrayList<>();
  private String failNextReason;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "milvus-stand-in-restores");
            t.setDaemon(true);
            return t;
          });

  RestoreJobs(
      CollectionStore store, SnapshotEndpoints snapshots, Duration stepDelay, Duration retention) {
    this.store = store;
    this.snapshots = snapshots;
    this.stepDelay = stepDelay;
    this.retention = retention;
  }

  void registerJobRoutes(RestRouter r) {
    r.register("/v2/vectordb/jobs/snapshot/describe", req -> describe(find(jobId(req))));
    r.register("/v2/vectordb/jobs/snapshot/list", this::list);
  }

  void registerRestore(RestRouter r) {
    r.register("/v2/vectordb/snapshots/restore", this::restore);
  }

  /** Time per copied segment of restores started from now on. */
  void stepDelay(Duration delay) {
    this.stepDelay = delay;
  }

  /** The next restore fails while copying with {@code reason}. */
  synchronized void failNext(String reason) {
    this.failNextReason = reason;
  }

  private JsonNode restore(Request req) {
    String sourceDb = dbOr(req, "sourceDbName");
    String targetDb = dbOr(req, "targetDbName");
    String sourceCollection = req.required("sourceCollectionName", "RestoreSnapshotReq");
    String targetCollection = req.required("targetCollectionName", "RestoreSnapshotReq");
    String name = req.required("snapshotName", "RestoreSnapshotReq");
    CollectionSpec source = store.get(sourceDb, sourceCollection);
    Snapshot snapshot = snapshots.find(sourceDb, sourceCollection, name);
    store.add(source.withSchemaOf(targetDb, targetCollection));
    snapshot.pins.incrementAndGet();
    Job job = new Job(name, targetDb, targetCollection);
    String failure;
    synchronized (this) {
      jobs.add(job);
      failure = failNextReason;
      failNextReason = null;
    }
    for (int segment = 1; segment <= SEGMENTS; segment++) {
      int copied = segment;
      scheduler.schedule(
          () -> step(job, snapshot, copied, failure),
          stepDelay.toMillis() * (segment + 1),
          TimeUnit.MILLISECONDS);
    }
    ObjectNode data = RestRouter.JSON.createObjectNode();
    data.put("jobId", job.id);
    return data;
  }

  /** After {@code copied} of the snapshot's segments: progress, then the end of the job. */
  private void step(Job job, Snapshot snapshot, int copied, String failure) {
    synchronized (this) {
      if (failure != null && copied == SEGMENTS / 2) {
        store.drop(job.targetDb, job.targetCollection);
        end(job, snapshot, "RestoreSnapshotFailed", failure);
        return;
      }
      if (job.finished()) {
        return;
      }
      job.state = "RestoreSnapshotExecuting";
      job.progress = copied * 100 / SEGMENTS;
      if (copied < SEGMENTS) {
        return;
      }
    }
    CollectionSpec target = store.get(job.targetDb, job.targetCollection);
    snapshot.partitions.forEach(
        (partition, rows) -> {
          target.createPartition(partition);
          target.addRows(partition, rows);
        });
    synchronized (this) {
      end(job, snapshot, "RestoreSnapshotCompleted", "");
    }
  }

  private void end(Job job, Snapshot snapshot, String state, String reason) {
    job.state = state;
    job.reason = reason;
    job.endTime = System.currentTimeMillis();
    snapshot.pins.decrementAndGet();
  }

  private synchronized Job find(String id) {
    forgetOld();
    for (Job job : jobs) {
      if (job.id.equals(id)) {
        return job;
      }
    }
    throw MilvusErrors.restoreJobNotFound(id);
  }

  private synchronized JsonNode list(Request req) {
    forgetOld();
    String collection = req.body.path("collectionName").asText("");
    ObjectNode data = RestRouter.JSON.createObjectNode();
    ArrayNode records = data.putArray("records");
    for (Job job : jobs) {
      if (job.targetDb.equals(req.db)
          && (collection.isEmpty() || job.targetCollection.equals(collection))) {
        ObjectNode record = describe(job);
        // The list writes the int64 job id as a number; describe writes a string.
        record.put("jobId", Long.parseLong(job.id));
        records.add(record);
      }
    }
    return data;
  }

  private synchronized ObjectNode describe(Job job) {
    ObjectNode d = RestRouter.JSON.createObjectNode();
    d.put("jobId", job.id);
    d.put("snapshotName", job.snapshot);
    d.put("dbName", job.targetDb);
    d.put("collectionName", job.targetCollection);
    d.put("state", job.state);
    d.put("progress", job.progress);
    d.put("reason", job.reason);
    d.put("startTime", job.startTime);
    long end = job.finished() ? job.endTime : System.currentTimeMillis();
    d.put("timeCost", end - job.startTime);
    return d;
  }

  /** Milvus's data coordinator forgets finished restore jobs after its retention (3 h). */
  private void forgetOld() {
    long now = System.currentTimeMillis();
    jobs.removeIf(j -> j.finished() && now - j.endTime > retention.toMillis());
  }

  /** {@code jobId} as a string or a number; absent: Milvus's binding error. */
  private static String jobId(Request req) {
    JsonNode id = req.body.get("jobId");
    if (id == null || id.isNull() || id.asText().isEmpty()) {
      throw MilvusErrors.missingParameter("GetSnapshotJobReq", "JobID");
    }
    return id.asText();
  }

  /** A restore ignores {@code dbName}: its own field, else the {@code DB-Name} header. */
  private static String dbOr(Request req, String field) {
    String value = req.body.path(field).asText("");
    return value.isEmpty() ? req.headerDb : value;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
