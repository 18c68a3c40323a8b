package io.milvusimport.manage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Milvus snapshot as {@code snapshots/describe} reports it: a plain immutable value, so Java,
 * Scala and PySpark (through {@code spark._jvm}) read it alike, and the later DataFrame listing can
 * map it to a row one field per column.
 */
public final class Snapshot {
  private final String name;
  private final String description;
  private final String database;
  private final String collection;
  private final List<String> partitions;
  private final long createTs;
  private final String location;

  Snapshot(
      String name,
      String description,
      String database,
      String collection,
      List<String> partitions,
      long createTs,
      String location) {
    this.name = name;
    this.description = description;
    this.database = database;
    this.collection = collection;
    this.partitions = Collections.unmodifiableList(new ArrayList<>(partitions));
    this.createTs = createTs;
    this.location = location;
  }

  /** From the describe answer's {@code data}; {@code createTs} may be a number or a string. */
  static Snapshot fromDescribe(String database, JsonNode data) {
    List<String> partitions = new ArrayList<>();
    data.path("partitionNames").forEach(p -> partitions.add(p.asText()));
    return new Snapshot(
        data.path("snapshotName").asText(""),
        data.path("description").asText(""),
        database,
        data.path("collectionName").asText(""),
        partitions,
        Int64s.of(data.get("createTs")),
        data.path("s3Location").asText(""));
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The database of the snapshot's collection. */
  public String database() {
    return database;
  }

  public String collection() {
    return collection;
  }

  /** The partitions the snapshot holds. */
  public List<String> partitions() {
    return partitions;
  }

  /** Milvus's hybrid (TSO) timestamp of the snapshot, as it answered: not epoch milliseconds. */
  public long createTs() {
    return createTs;
  }

  /** When the snapshot was taken: the physical part of {@link #createTs} ({@code ts >> 18} ms). */
  public Instant createdAt() {
    return Instant.ofEpochMilli(createTs >> 18);
  }

  /** Where Milvus keeps the snapshot's metadata in its object storage. */
  public String location() {
    return location;
  }

  @Override
  public String toString() {
    return "Snapshot{"
        + name
        + " of "
        + database
        + "."
        + collection
        + ", created "
        + createdAt()
        + ", partitions "
        + partitions
        + (description.isEmpty() ? "" : ", description '" + description + "'")
        + "}";
  }
}
