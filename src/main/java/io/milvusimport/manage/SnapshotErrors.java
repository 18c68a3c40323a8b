package io.milvusimport.manage;

import io.milvusimport.CollectionNotFoundException;
import io.milvusimport.InvalidSnapshotNameException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.RestoreJobNotFoundException;
import io.milvusimport.SnapshotExistsException;
import io.milvusimport.SnapshotNotFoundException;
import io.milvusimport.SnapshotPinnedException;
import io.milvusimport.SnapshotsUnsupportedException;
import io.milvusimport.TargetCollectionExistsException;
import io.milvusimport.milvus.MilvusTransportException;
import io.milvusimport.milvus.SnapshotNames;
import java.net.URI;

/**
 * Turns Milvus's answers to snapshot calls (contract §6 codes and texts) into the exceptions users
 * catch, each naming the snapshot, the collection and the database.
 */
final class SnapshotErrors {
  /** Milvus's "snapshot not found[snapshot=N]". */
  static final int SNAPSHOT_NOT_FOUND = 2600;

  /** Milvus's "snapshot is pinned" on a drop during a restore. */
  static final int SNAPSHOT_PINNED = 2601;

  static final int COLLECTION_NOT_FOUND = 100;
  static final int PARAMETER_INVALID = 1100;
  static final int RESTORE_JOB_NOT_FOUND = 2101;

  static boolean isUnknownJob(RuntimeException e) {
    return e instanceof MilvusServerException
        && ((MilvusServerException) e).code() == RESTORE_JOB_NOT_FOUND
        && ((MilvusServerException) e).serverMessage().contains("restore job not found");
  }

  private final URI uri;

  SnapshotErrors(URI uri) {
    this.uri = uri;
  }

  /** Names what a call was about; calls about no one snapshot or collection say so. */
  static String where(String snapshot, String collection, String database) {
    if (collection == null) {
      return "the restore jobs in database '" + database + "'";
    }
    if (snapshot == null) {
      return "the snapshots of collection '" + collection + "' in database '" + database + "'";
    }
    return "snapshot '"
        + snapshot
        + "' of collection '"
        + collection
        + "' in database '"
        + database
        + "'";
  }

  static boolean isDuplicateCollection(RuntimeException e) {
    return e instanceof MilvusServerException
        && ((MilvusServerException) e).code() == PARAMETER_INVALID
        && ((MilvusServerException) e).serverMessage().contains("duplicate collection");
  }

  static InvalidSnapshotNameException invalidName(
      String snapshot, String collection, String database, String problem) {
    return new InvalidSnapshotNameException(
        "Invalid name for "
            + where(snapshot, collection, database)
            + ": "
            + problem
            + ". Milvus's rule for snapshot names: "
            + SnapshotNames.NAME_RULE
            + ".",
        snapshot,
        collection,
        database);
  }

  static SnapshotExistsException taken(String snapshot, String collection, String database) {
    return new SnapshotExistsException(
        "The name is taken: "
            + where(snapshot, collection, database)
            + " already exists (names are unique per collection). Choose another name, or drop"
            + " the old snapshot first.",
        snapshot,
        collection,
        database);
  }

  static TargetCollectionExistsException targetExists(
      String snapshot, String collection, String database) {
    return new TargetCollectionExistsException(
        "Cannot restore snapshot '"
            + snapshot
            + "' into collection '"
            + collection
            + "' in database '"
            + database
            + "': the collection already exists, and a restore always creates a new one."
            + " Choose another target name, or drop that collection first.",
        snapshot,
        collection,
        database);
  }

  static RestoreJobNotFoundException unknownJob(
      String jobId, String snapshot, String collection, String database) {
    String target =
        collection == null
            ? ""
            : " (snapshot '"
                + snapshot
                + "' into collection '"
                + collection
                + "' in database '"
                + database
                + "')";
    return new RestoreJobNotFoundException(
        "Milvus does not know restore job "
            + jobId
            + target
            + ": the id is wrong, or the job finished more than 3 hours ago (Milvus forgets"
            + " finished restore jobs then). A finished restore's result is its target"
            + " collection: check it with POST /v2/vectordb/collections/has, or list the restore"
            + " jobs of the target database.",
        jobId,
        snapshot,
        collection,
        database);
  }

  /**
   * The exception users get for {@code e}, thrown by a call to {@code endpoint} about {@code
   * snapshot} of {@code collection} in {@code database}; {@code e} itself when no rule applies.
   */
  RuntimeException translate(
      RuntimeException e, String endpoint, String snapshot, String collection, String database) {
    if (e instanceof MilvusTransportException
        && ((MilvusTransportException) e).httpStatus() == 404) {
      return new SnapshotsUnsupportedException(
          "Milvus at "
              + uri
              + " has no REST route /v2/vectordb/"
              + endpoint
              + " (HTTP 404), asked about "
              + where(snapshot, collection, database)
              + ": this needs Milvus 3.0.1+ (snapshots over REST came with 3.0.1; 3.0.0 has only"
              + " the restore-job routes, 2.x none).",
          snapshot,
          collection,
          database,
          e);
    }
    if (!(e instanceof MilvusServerException)) {
      return e;
    }
    MilvusServerException server = (MilvusServerException) e;
    String message = server.serverMessage();
    switch (server.code()) {
      case COLLECTION_NOT_FOUND:
        return new CollectionNotFoundException(
            "Collection '"
                + collection
                + "' does not exist in database '"
                + database
                + "'"
                + (snapshot == null ? "" : " (asked about snapshot '" + snapshot + "')")
                + ": "
                + message,
            snapshot,
            collection,
            database,
            e);
      case SNAPSHOT_NOT_FOUND:
        return new SnapshotNotFoundException(
            "No " + where(snapshot, collection, database) + ": " + message,
            snapshot,
            collection,
            database,
            e);
      case SNAPSHOT_PINNED:
        return new SnapshotPinnedException(
            "Cannot drop "
                + where(snapshot, collection, database)
                + ": a running restore pins it ("
                + message
                + "). Drop it once the restore job has ended; list the jobs with"
                + " restoreJobs().",
            snapshot,
            collection,
            database,
            e);
      case PARAMETER_INVALID:
        if (message.contains("Invalid snapshot name")) {
          return invalidName(snapshot, collection, database, message);
        }
        if (endpoint.equals("snapshots/create") && message.contains("already exists")) {
          return taken(snapshot, collection, database);
        }
        return e;
      default:
        return e;
    }
  }
}
