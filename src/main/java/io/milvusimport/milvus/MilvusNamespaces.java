package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusServerException;
import io.milvusimport.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Milvus's databases and the collections in them, as a catalog browses them: list, create and drop
 * databases ({@code /v2/vectordb/databases/*}), list collections, describe one (through an alias
 * too) and drop one. Spark-free, so the SQL catalog and tools without a SparkSession share it.
 * Reads go through the {@link RetryPolicy}; creates and drops are sent once, since a lost reply
 * could otherwise make a retry fail on what the first attempt did.
 */
public final class MilvusNamespaces {
  /** Milvus's "database not found" ({@code merr.ErrDatabaseNotFound}). */
  public static final int DATABASE_NOT_FOUND = 800;

  private final MilvusRestClient client;
  private final RetryPolicy retry;

  public MilvusNamespaces(MilvusRestClient client, RetryPolicy retry) {
    this.client = client;
    this.retry = retry;
  }

  /** The names of every database the credential may see, in Milvus's order. */
  public List<String> databases() {
    JsonNode data = retry.call("list of databases", () -> client.post("databases/list", body()));
    return names(data);
  }

  /** {@code databases/create}; Milvus refuses a name that exists. */
  public void createDatabase(String database) {
    client.post("databases/create", body().put("dbName", database));
  }

  /** {@code databases/drop}; Milvus refuses a database that still holds collections. */
  public void dropDatabase(String database) {
    client.post("databases/drop", body().put("dbName", database));
  }

  /** The names of the database's collections (aliases are not listed). */
  public List<String> collections(String database) {
    JsonNode data =
        retry.call(
            "list of collections in " + database,
            () -> client.post("collections/list", body().put("dbName", database)));
    return names(data);
  }

  /**
   * The describe answer of a collection or alias, or empty when neither the collection nor its
   * database exists.
   */
  public Optional<Description> describe(String database, String name) {
    ObjectNode request = body().put("dbName", database).put("collectionName", name);
    try {
      JsonNode data =
          retry.call(
              "describe of collection " + name, () -> client.post("collections/describe", request));
      return Optional.of(new Description(database, name, data));
    } catch (MilvusServerException e) {
      if (e.code() == MilvusCollections.COLLECTION_NOT_FOUND || e.code() == DATABASE_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private ObjectNode body() {
    return client.body();
  }

  private static List<String> names(JsonNode data) {
    List<String> out = new ArrayList<>();
    for (JsonNode name : data) {
      out.add(name.asText());
    }
    return out;
  }

  /** A collection as Milvus describes it, looked up under {@link #requestedName}. */
  public static final class Description {
    private final String requestedName;
    private final CollectionSchema schema;
    private final String collectionName;
    private final List<String> aliases;

    Description(String database, String requestedName, JsonNode data) {
      this.requestedName = requestedName;
      this.schema = MilvusCollections.parse(database, requestedName, data);
      this.collectionName = data.path("collectionName").asText(requestedName);
      this.aliases = names(data.path("aliases"));
    }

    /** The name the describe was asked for: the collection's or one of its aliases. */
    public String requestedName() {
      return requestedName;
    }

    /** The collection's own name: not {@link #requestedName} when that is an alias. */
    public String collectionName() {
      return collectionName;
    }

    public boolean isAlias() {
      return !collectionName.equals(requestedName);
    }

    public List<String> aliases() {
      return aliases;
    }

    public CollectionSchema schema() {
      return schema;
    }
  }
}
