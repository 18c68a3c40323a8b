package io.milvusimport.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.RollbackFailedException;
import io.milvusimport.milvus.SnapshotNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes imports by restoring a snapshot into a new collection and, when the collection was named
 * through an alias, pointing the alias at the restored collection ({@code aliases/alter}), so
 * readers switch at once. Milvus resolves a name as a collection first, then as an alias; {@code
 * aliases/describe} tells which one the caller gave (an unknown alias answers 1600).
 */
final class SnapshotRollback {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRollback.class);

  /** Milvus's "alias not found[database=d][alias=a]". */
  private static final int ALIAS_NOT_FOUND = 1600;

  private final SnapshotManager manager;
  private final String db;

  SnapshotRollback(SnapshotManager manager) {
    this.manager = manager;
    this.db = manager.database();
  }

  Rollback run(String collectionOrAlias, String snapshot, RollbackOptions options) {
    String previous = aliasTarget(collectionOrAlias);
    String alias = previous == null ? null : collectionOrAlias;
    if (previous == null) {
      previous = collectionOrAlias;
    }
    String target = target(previous, snapshot, options);
    RestoreJob started = new SnapshotRestores(manager).restore(db, previous, snapshot, db, target);
    RestoreJob job = manager.waitForRestore(started.jobId(), options.timeout());
    if (!job.completed()) {
      throw new RollbackFailedException(
          "Rollback of "
              + SnapshotErrors.where(snapshot, collectionOrAlias, db)
              + ": restore job "
              + job.jobId()
              + " into '"
              + target
              + "' ended "
              + job.state()
              + " ("
              + job.reason()
              + "). Nothing was switched: "
              + (alias == null
                  ? "'" + previous + "'"
                  : "alias '" + alias + "' still points at '" + previous + "', which")
              + " is unchanged.",
          snapshot,
          collectionOrAlias,
          db,
          null);
    }
    if (alias != null) {
      switchAlias(alias, target, previous, snapshot);
    }
    boolean dropped = options.dropOld() && drop(previous, snapshot);
    Rollback done = new Rollback(alias, previous, job, dropped);
    LOG.info("Rolled back {}.{} to snapshot '{}': {}", db, collectionOrAlias, snapshot, done);
    return done;
  }

  /** The collection {@code name} is an alias of, or null when it is no alias. */
  private String aliasTarget(String name) {
    ObjectNode body = manager.client().body().put("dbName", db).put("aliasName", name);
    try {
      JsonNode data =
          manager
              .retry()
              .call("describe of alias " + name, () -> manager.post("aliases/describe", body));
      return data.path("collectionName").asText(null);
    } catch (MilvusServerException e) {
      if (e.code() == ALIAS_NOT_FOUND || e.serverMessage().contains("alias not found")) {
        return null;
      }
      throw e;
    }
  }

  private String target(String previous, String snapshot, RollbackOptions options) {
    String target = options.targetCollection();
    boolean derived = target == null;
    if (derived) {
      target = previous + "_" + snapshot;
      if (target.length() > 255) {
        target = target.substring(0, 255);
      }
    }
    String problem = SnapshotNames.problem(target);
    if (problem != null) {
      throw new InvalidOptionException(
          "Rollback target collection '"
              + target
              + "'"
              + (derived ? " (derived from the collection and snapshot names)" : "")
              + " is not a valid Milvus collection name: "
              + problem
              + ". Rule: "
              + SnapshotNames.NAME_RULE
              + ". Pass another with RollbackOptions.targetCollection.");
    }
    return target;
  }

  private void switchAlias(String alias, String target, String previous, String snapshot) {
    ObjectNode body =
        manager
            .client()
            .body()
            .put("dbName", db)
            .put("collectionName", target)
            .put("aliasName", alias);
    try {
      manager.retry().call("alter of alias " + alias, () -> manager.post("aliases/alter", body));
    } catch (RuntimeException e) {
      throw new RollbackFailedException(
          "Rollback of alias '"
              + alias
              + "' in database '"
              + db
              + "': snapshot '"
              + snapshot
              + "' IS restored into collection '"
              + target
              + "', but the alias could not be switched to it ("
              + e.getMessage()
              + ") and still points at '"
              + previous
              + "'. Switch it with POST /v2/vectordb/aliases/alter {\"aliasName\": \""
              + alias
              + "\", \"collectionName\": \""
              + target
              + "\"}; do not restore again.",
          snapshot,
          alias,
          db,
          e);
    }
    LOG.info(
        "Alias '{}' of database '{}' now points at '{}' (was '{}')", alias, db, target, previous);
  }

  private boolean drop(String previous, String snapshot) {
    ObjectNode body = manager.client().body().put("dbName", db).put("collectionName", previous);
    manager.translated(
        "collections/drop",
        snapshot,
        previous,
        db,
        () ->
            manager
                .retry()
                .call("drop of " + previous, () -> manager.post("collections/drop", body)));
    LOG.info("Dropped collection '{}' of database '{}' after the rollback", previous, db);
    return true;
  }
}
