package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Milvus's snapshot API (REST since 3.0.1, contract §6) and the flush it needs first: a snapshot
 * holds only flushed, sealed segments.
 */
public final class MilvusSnapshots {
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
   * Creates a snapshot. Not retried on a lost answer: a repeated create of a snapshot that was made
   * fails with "already exists", which {@link #describe} then settles.
   */
  public void create(String name, String description, long compactionProtectionSeconds) {
    ObjectNode body =
        client
            .body()
            .put("dbName", database)
            .put("collectionName", collection)
            .put("snapshotName", name)
            .put("description", description)
            .put("compactionProtectionSeconds", compactionProtectionSeconds);
    client.post("snapshots/create", body);
  }

  /** The describe answer's {@code data}: snapshotName, description, createTs, s3Location, ... */
  public JsonNode describe(String name) {
    ObjectNode body =
        client
            .body()
            .put("dbName", database)
            .put("collectionName", collection)
            .put("snapshotName", name);
    return retry.call(
        "describe of snapshot " + name, () -> client.post("snapshots/describe", body));
  }
}
