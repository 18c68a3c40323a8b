package io.milvusimport.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.milvus.MilvusTransportException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores and restore jobs (contract §6): the target is checked with {@code collections/has}
 * before the restore call, and a repeated restore that answers "duplicate collection" after an
 * attempt whose answer was lost is settled with the job list (the lost attempt's job restores the
 * same snapshot into the same target).
 */
final class SnapshotRestores {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRestores.class);

  private final SnapshotManager manager;

  SnapshotRestores(SnapshotManager manager) {
    this.manager = manager;
  }

  RestoreJob restore(
      String sourceDb, String source, String snapshot, String targetDb, String target) {
    ObjectNode has = manager.client().body().put("dbName", targetDb).put("collectionName", target);
    JsonNode answer =
        manager.translated(
            "collections/has",
            snapshot,
            target,
            targetDb,
            () ->
                manager.retry().call("has " + target, () -> manager.post("collections/has", has)));
    if (answer.path("has").asBoolean(false)) {
      throw SnapshotErrors.targetExists(snapshot, target, targetDb);
    }
    // dbName is ignored by a restore: both databases are named, or the server falls back to the
    // DB-Name header and then "default".
    ObjectNode body =
        manager
            .client()
            .body()
            .put("sourceDbName", sourceDb)
            .put("sourceCollectionName", source)
            .put("targetDbName", targetDb)
            .put("targetCollectionName", target)
            .put("snapshotName", snapshot);
    boolean[] answerLost = {false};
    String jobId =
        manager.translated(
            "snapshots/restore",
            snapshot,
            source,
            sourceDb,
            () ->
                manager
                    .retry()
                    .call(
                        "restore of snapshot " + snapshot,
                        () -> {
                          try {
                            return Int64s.text(
                                manager.post("snapshots/restore", body).get("jobId"));
                          } catch (MilvusTransportException e) {
                            answerLost[0] = true;
                            throw e;
                          } catch (RuntimeException e) {
                            if (answerLost[0] && SnapshotErrors.isDuplicateCollection(e)) {
                              return settleLostRestore(snapshot, targetDb, target);
                            }
                            if (SnapshotErrors.isDuplicateCollection(e)) {
                              throw SnapshotErrors.targetExists(snapshot, target, targetDb);
                            }
                            throw e;
                          }
                        }));
    RestoreJob job = job(jobId, null);
    LOG.info(
        "Restore job {} started: snapshot '{}' of {}.{} into new collection {}.{}",
        jobId,
        snapshot,
        sourceDb,
        source,
        targetDb,
        target);
    return job;
  }

  /** The job of a restore whose answer was lost, or the target-exists error when there is none. */
  private String settleLostRestore(String snapshot, String targetDb, String target) {
    Optional<RestoreJob> mine =
        jobs(targetDb, target).stream()
            .filter(j -> j.snapshot().equals(snapshot) && j.targetCollection().equals(target))
            .max(Comparator.comparingLong(RestoreJob::startTimeMillis));
    if (mine.isEmpty()) {
      throw SnapshotErrors.targetExists(snapshot, target, targetDb);
    }
    LOG.info(
        "Restore of snapshot '{}' into {}.{}: the answer was lost, and job {} restores it; following"
            + " that job",
        snapshot,
        targetDb,
        target,
        mine.get().jobId());
    return mine.get().jobId();
  }

  /** The job now; {@code known} (may be null) names it in errors when Milvus forgot it. */
  RestoreJob job(String jobId, RestoreJob known) {
    ObjectNode body = manager.client().body().put("jobId", jobId);
    try {
      return RestoreJob.from(
          manager.translated(
              "jobs/snapshot/describe",
              known == null ? null : known.snapshot(),
              known == null ? null : known.targetCollection(),
              known == null ? manager.database() : known.targetDatabase(),
              () ->
                  manager
                      .retry()
                      .call(
                          "describe of restore job " + jobId,
                          () -> manager.post("jobs/snapshot/describe", body))));
    } catch (RuntimeException e) {
      if (SnapshotErrors.isUnknownJob(e)) {
        throw known == null
            ? SnapshotErrors.unknownJob(jobId, null, null, null)
            : SnapshotErrors.unknownJob(
                jobId, known.snapshot(), known.targetCollection(), known.targetDatabase());
      }
      throw e;
    }
  }

  List<RestoreJob> jobs(String targetDb, String targetCollection) {
    ObjectNode body = manager.client().body().put("dbName", targetDb);
    if (targetCollection != null) {
      body.put("collectionName", targetCollection);
    }
    JsonNode data =
        manager.translated(
            "jobs/snapshot/list",
            null,
            targetCollection,
            targetDb,
            () ->
                manager
                    .retry()
                    .call("list of restore jobs", () -> manager.post("jobs/snapshot/list", body)));
    List<RestoreJob> out = new ArrayList<>();
    data.path("records").forEach(r -> out.add(RestoreJob.from(r)));
    return out;
  }
}
