package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusServerException;
import java.util.ArrayList;
import java.util.List;

/**
 * Milvus's snapshot API (REST since 3.0.1, contract §6) and the flush it needs first: a snapshot
 * holds only flushed, sealed segments.
 */
public final class MilvusSnapshots {
  /** How a {@link #create} ended. */
  public enum Created {
    /** Milvus made the snapshot on this call. */
    NEW,
    /**
     * An attempt's answer was lost and the repeat answered "already exists": the lost attempt
     * probably made it. The caller must {@link #describe} it and check it is its own.
     */
    EXISTS_AFTER_LOST_ANSWER
  }

  private final MilvusRestClient client;
  private final String database;
  private final String collection;
  private final RetryPolicy retry;

  public MilvusSnapshots(
      MilvusRestClient client, String database, String collection, RetryPolicy retry) {
    this.client = client;
    this.database = database;
    this.collection = collection;
    this.retry = retry;
  }

  /** Seals the collection's growing segments (newer servers return once the flush is done). */
  public void flush() {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    retry.call("flush of " + collection, () -> client.post("collections/flush", body));
  }

  /**
   * Creates a snapshot, repeating the call on transient faults like every other call. A repeat
   * after an attempt whose answer was lost may answer "already exists" (1100) because that attempt
   * did make it: that ends as {@link Created#EXISTS_AFTER_LOST_ANSWER}. "Already exists" on the
   * first attempt, or after attempts Milvus answered, is thrown: the name is someone else's.
   */
  public Created create(String name, String description, long compactionProtectionSeconds) {
    ObjectNode body =
        snapshotBody(name)
            .put("description", description)
            .put("compactionProtectionSeconds", compactionProtectionSeconds);
    boolean[] answerLost = {false};
    return retry.call(
        "create of snapshot " + name,
        () -> {
          try {
            client.post("snapshots/create", body);
            return Created.NEW;
          } catch (MilvusTransportException e) {
            answerLost[0] = true;
            throw e;
          } catch (MilvusServerException e) {
            if (answerLost[0] && isAlreadyExists(e)) {
              return Created.EXISTS_AFTER_LOST_ANSWER;
            }
            throw e;
          }
        });
  }

  /** Milvus's "snapshot name X already exists in collection N" (1100). */
  public static boolean isAlreadyExists(MilvusServerException e) {
    return e.code() == 1100 && e.serverMessage().contains("already exists");
  }

  /** The describe answer's {@code data}: snapshotName, description, createTs, s3Location, ... */
  public JsonNode describe(String name) {
    ObjectNode body = snapshotBody(name);
    return retry.call(
        "describe of snapshot " + name, () -> client.post("snapshots/describe", body));
  }

  /** The names of the collection's snapshots. */
  public List<String> list() {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    JsonNode names =
        retry.call("list of snapshots of " + collection, () -> client.post("snapshots/list", body));
    List<String> out = new ArrayList<>();
    names.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * Whether the server has the snapshot REST routes (Milvus 3.0.1+), asked read-only with {@code
   * snapshots/list}: 3.0.0 and 2.x answer HTTP 404 (their router has no such route); any Milvus
   * answer, even an error, means the route exists.
   */
  public boolean supported() {
    return RouteProbe.exists(this::list);
  }

  /** Drops the snapshot (Milvus succeeds for a missing one; a pinned one fails with 2601). */
  public void drop(String name) {
    ObjectNode body = snapshotBody(name);
    retry.call("drop of snapshot " + name, () -> client.post("snapshots/drop", body));
  }

  private ObjectNode snapshotBody(String name) {
    return client
        .body()
        .put("dbName", database)
        .put("collectionName", collection)
        .put("snapshotName", name);
  }
}
