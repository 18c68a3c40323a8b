package io.milvusimport.manage;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.SnapshotException;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.MilvusSnapshots;
import io.milvusimport.milvus.RetryPolicy;
import io.milvusimport.milvus.SnapshotNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milvus snapshots (3.0.1+) from Java, Scala or PySpark without a SparkSession: create, list,
 * describe and drop snapshots, restore one into a new collection and follow the restore job.
 *
 * <p>Why it exists: a snapshot before an import makes the import undoable, and Spark users should
 * not need a second client for it. It takes the writer's connection options ({@code uri}, {@code
 * token} or {@code user}/{@code password}, {@code database}, the TLS options, {@code
 * requestTimeout}, {@code retries}) from a plain {@code Map<String, String>}, so the same map that
 * configures a write configures this; it needs no Spark classes, so it also runs in a plain JVM or
 * through {@code spark._jvm} in PySpark. Every call goes to Milvus's REST API at once and repeats
 * transient faults like the writer does. It holds no open resources (each call is one HTTP
 * request), so there is nothing to close.
 *
 * <p>Errors users can act on are {@link SnapshotException}s (missing snapshot or collection,
 * invalid or taken name, existing restore target, pinned snapshot, unknown restore job, timeout,
 * server too old), each naming the snapshot, the collection and the database.
 */
public final class SnapshotManager {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotManager.class);

  /** Milvus's default {@code compactionProtectionSeconds} ceiling: 7 days. */
  public static final long MAX_COMPACTION_PROTECTION_SECONDS = 7L * 24 * 3600;

  private final MilvusConnection connection;
  private final MilvusRestClient client;
  private final RetryPolicy retry;
  private final String database;
  private final SnapshotErrors errors;
  private final Duration pollInterval;

  SnapshotManager(MilvusConnection connection, String database, Duration pollInterval) {
    this.connection = connection;
    this.client = connection.client();
    this.retry = connection.retryPolicy();
    this.database = database;
    this.errors = new SnapshotErrors(connection.uri());
    this.pollInterval = pollInterval;
  }

  /**
   * A manager for the connection options in {@code options} (the writer's keys; other keys are
   * ignored). Its database is option {@code database} (default {@code default}).
   *
   * @throws io.milvusimport.InvalidOptionException naming a bad option
   */
  public static SnapshotManager create(Map<String, String> options) {
    return create(MilvusConnection.parse(options));
  }

  public static SnapshotManager create(MilvusConnection connection) {
    return new SnapshotManager(connection, connection.database(), Duration.ofSeconds(1));
  }

  /** The same connection, working in another database. */
  public SnapshotManager withDatabase(String database) {
    return new SnapshotManager(connection, database, pollInterval);
  }

  /** The database this manager works in. */
  public String database() {
    return database;
  }

  /** Flushes the collection, then snapshots it: no description, no compaction protection. */
  public Snapshot createSnapshot(String collection, String snapshot) {
    return createSnapshot(collection, snapshot, "", 0L, true);
  }

  /** As {@link #createSnapshot(String, String, String, long, boolean)}, protection as Duration. */
  public Snapshot createSnapshot(
      String collection,
      String snapshot,
      String description,
      Duration compactionProtection,
      boolean flushFirst) {
    return createSnapshot(
        collection, snapshot, description, compactionProtection.getSeconds(), flushFirst);
  }

  /**
   * Creates a snapshot of {@code collection} and returns it as described by Milvus. A snapshot
   * holds only what is persisted, so the collection is flushed first unless {@code flushFirst} is
   * false. A create whose answer was lost and whose repeat answered "already exists" is accepted
   * when the snapshot found is this call's (same collection and description).
   *
   * @param compactionProtectionSeconds how long Milvus keeps the snapshot's segments from
   *     compaction: 0 to 7 days (604800 s)
   * @throws io.milvusimport.InvalidSnapshotNameException before any call, for a name Milvus refuses
   * @throws io.milvusimport.SnapshotExistsException when the name is taken
   * @throws io.milvusimport.CollectionNotFoundException when the collection does not exist
   */
  public Snapshot createSnapshot(
      String collection,
      String snapshot,
      String description,
      long compactionProtectionSeconds,
      boolean flushFirst) {
    String problem = SnapshotNames.problem(snapshot);
    if (problem != null) {
      throw SnapshotErrors.invalidName(snapshot, collection, database, problem);
    }
    if (compactionProtectionSeconds < 0
        || compactionProtectionSeconds > MAX_COMPACTION_PROTECTION_SECONDS) {
      throw new InvalidOptionException(
          "Compaction protection of "
              + SnapshotErrors.where(snapshot, collection, database)
              + " is "
              + compactionProtectionSeconds
              + " s: Milvus accepts 0 to 7 days (0 to "
              + MAX_COMPACTION_PROTECTION_SECONDS
              + " s).");
    }
    MilvusSnapshots api = snapshots(collection);
    String desc = description == null ? "" : description;
    MilvusSnapshots.Created created =
        translated(
            "snapshots/create",
            snapshot,
            collection,
            database,
            () -> {
              if (flushFirst) {
                api.flush();
              }
              return api.create(snapshot, desc, compactionProtectionSeconds);
            });
    Snapshot made = describeSnapshot(collection, snapshot);
    if (created == MilvusSnapshots.Created.EXISTS_AFTER_LOST_ANSWER) {
      if (!made.collection().equals(collection) || !made.description().equals(desc)) {
        throw SnapshotErrors.taken(snapshot, collection, database);
      }
      LOG.info(
          "Snapshot '{}' of {}.{} already existed after a create whose answer was lost; it is this"
              + " call's (same collection and description)",
          snapshot,
          database,
          collection);
    }
    LOG.info("Created {}", made);
    return made;
  }

  /** The names of the collection's snapshots. */
  public List<String> listSnapshots(String collection) {
    return translated(
        "snapshots/list", null, collection, database, () -> snapshots(collection).list());
  }

  /** Every snapshot of the collection, described (one describe call per snapshot). */
  public List<Snapshot> describeSnapshots(String collection) {
    List<Snapshot> out = new ArrayList<>();
    for (String name : listSnapshots(collection)) {
      out.add(describeSnapshot(collection, name));
    }
    return out;
  }

  /**
   * @throws io.milvusimport.SnapshotNotFoundException when the collection has no such snapshot
   */
  public Snapshot describeSnapshot(String collection, String snapshot) {
    MilvusSnapshots api = snapshots(collection);
    JsonNode data =
        translated(
            "snapshots/describe", snapshot, collection, database, () -> api.describe(snapshot));
    return Snapshot.fromDescribe(database, data);
  }

  /**
   * Drops the snapshot; returns false when there was none (nothing is dropped then).
   *
   * @throws io.milvusimport.SnapshotPinnedException while a restore from it runs
   */
  public boolean dropSnapshot(String collection, String snapshot) {
    if (!listSnapshots(collection).contains(snapshot)) {
      LOG.info("No snapshot '{}' of {}.{} to drop", snapshot, database, collection);
      return false;
    }
    translated(
        "snapshots/drop",
        snapshot,
        collection,
        database,
        () -> {
          snapshots(collection).drop(snapshot);
          return null;
        });
    LOG.info("Dropped snapshot '{}' of {}.{}", snapshot, database, collection);
    return true;
  }

  /** Restores a snapshot of {@code collection} into a new collection of this database. */
  public RestoreJob restoreSnapshot(String collection, String snapshot, String targetCollection) {
    return restoreSnapshot(database, collection, snapshot, database, targetCollection);
  }

  /**
   * Starts restoring {@code snapshot} of {@code sourceCollection} into the new collection {@code
   * targetCollection}, which gets the source's schema and the snapshot's rows; returns the job
   * (follow it with {@link #waitForRestore}).
   *
   * @throws io.milvusimport.TargetCollectionExistsException when the target exists (checked first)
   * @throws io.milvusimport.SnapshotNotFoundException when the snapshot does not exist
   */
  public RestoreJob restoreSnapshot(
      String sourceDatabase,
      String sourceCollection,
      String snapshot,
      String targetDatabase,
      String targetCollection) {
    return new SnapshotRestores(this)
        .restore(sourceDatabase, sourceCollection, snapshot, targetDatabase, targetCollection);
  }

  /**
   * The restore job's state now.
   *
   * @throws io.milvusimport.RestoreJobNotFoundException for an unknown id or a job finished more
   *     than 3 hours ago
   */
  public RestoreJob restoreJob(String jobId) {
    return new SnapshotRestores(this).job(jobId, null);
  }

  /** The restore jobs Milvus remembers whose target is in this database. */
  public List<RestoreJob> restoreJobs() {
    return restoreJobs(database, null);
  }

  /**
   * The restore jobs Milvus remembers (finished ones for 3 hours) whose target is in {@code
   * targetDatabase}, and in {@code targetCollection} unless it is null.
   */
  public List<RestoreJob> restoreJobs(String targetDatabase, String targetCollection) {
    return new SnapshotRestores(this).jobs(targetDatabase, targetCollection);
  }

  /** As {@link #waitForRestore(String, Duration)}, for callers without java.time (PySpark). */
  public RestoreJob waitForRestore(String jobId, long timeoutSeconds) {
    return waitForRestore(jobId, Duration.ofSeconds(timeoutSeconds));
  }

  /**
   * Polls the restore job about once a second, logging its state and percent at INFO when they
   * change, until it completes or fails; returns the final job (check {@link
   * RestoreJob#completed()}; a failed one says why in {@link RestoreJob#reason()}).
   *
   * @throws io.milvusimport.RestoreTimeoutException when {@code timeout} passes first: the job
   *     keeps running on the server, and the message says how to check it
   */
  public RestoreJob waitForRestore(String jobId, Duration timeout) {
    return waitForRestore(jobId, timeout, job -> {});
  }

  /**
   * As {@link #waitForRestore(String, Duration)}, handing every polled state to {@code onPoll} (the
   * command line's progress bar).
   */
  public RestoreJob waitForRestore(String jobId, Duration timeout, Consumer<RestoreJob> onPoll) {
    return new RestoreWaiter(new SnapshotRestores(this), pollInterval)
        .await(jobId, timeout, onPoll);
  }

  /**
   * As {@link #rollback(String, String, RollbackOptions)} with {@link RollbackOptions#defaults}.
   */
  public Rollback rollback(String collectionOrAlias, String snapshot) {
    return rollback(collectionOrAlias, snapshot, RollbackOptions.defaults());
  }

  /**
   * Undoes what happened to a collection since {@code snapshot}: restores the snapshot into a new
   * collection (named by {@code options}, else {@code <collection>_<snapshot>}), waits for the
   * restore, and, when {@code collectionOrAlias} is an alias, points the alias at the restored
   * collection so its readers switch at once. The previous collection is kept unless {@link
   * RollbackOptions#dropOld} asks to drop it.
   *
   * @throws io.milvusimport.RollbackFailedException when the restore fails or the alias cannot be
   *     switched (the message says what state things are in)
   * @throws io.milvusimport.TargetCollectionExistsException when the target exists already
   * @throws io.milvusimport.RestoreTimeoutException when the restore outlasts the timeout
   */
  public Rollback rollback(String collectionOrAlias, String snapshot, RollbackOptions options) {
    return new SnapshotRollback(this).run(collectionOrAlias, snapshot, options);
  }

  JsonNode post(String endpoint, JsonNode body) {
    return client.post(endpoint, body);
  }

  MilvusRestClient client() {
    return client;
  }

  SnapshotErrors errors() {
    return errors;
  }

  private MilvusSnapshots snapshots(String collection) {
    return new MilvusSnapshots(client, database, collection, retry);
  }

  /** Runs {@code call} (which retries itself); Milvus's answers become the users' exceptions. */
  <T> T translated(
      String endpoint, String snapshot, String collection, String db, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw errors.translate(e, endpoint, snapshot, collection, db);
    }
  }

  RetryPolicy retry() {
    return retry;
  }

  @Override
  public String toString() {
    return "SnapshotManager{" + connection + ", database=" + database + "}";
  }
}
