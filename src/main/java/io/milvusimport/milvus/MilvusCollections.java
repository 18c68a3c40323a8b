package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.ImportFailedException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.SchemaMismatchException;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import java.util.ArrayList;
import java.util.List;

/**
 * Collections and aliases of one Milvus: the schema from the describe answer (contract §2), and the
 * create, drop and alias calls of save modes and the Milvus catalog. Every call goes through the
 * {@link RetryPolicy}, so one 503 does not fail the write; a create whose answer was lost is not
 * sent again once the collection exists.
 */
public final class MilvusCollections {
  /** Milvus's "collection not found" code. */
  static final int COLLECTION_NOT_FOUND = 100;

  /** Milvus's "alias not found" code. */
  static final int ALIAS_NOT_FOUND = 1600;

  private final MilvusRestClient client;
  private final RetryPolicy retry;

  public MilvusCollections(MilvusRestClient client, RetryPolicy retry) {
    this.client = client;
    this.retry = retry;
  }

  /**
   * @throws SchemaMismatchException when the collection does not exist
   */
  public CollectionSchema describe(String database, String collection) {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    JsonNode data;
    try {
      data =
          retry.call(
              "describe of collection " + collection,
              () -> client.post("collections/describe", body));
    } catch (MilvusServerException e) {
      if (e.code() == COLLECTION_NOT_FOUND) {
        throw new SchemaMismatchException(
            collection,
            List.of(
                "collection '"
                    + collection
                    + "' does not exist in database '"
                    + database
                    + "' (Milvus code 100: "
                    + e.serverMessage()
                    + "); create it first, or let the write create it from the DataFrame:"
                    + " the default save mode (errorifexists) does, and mode(\"append\") with"
                    + " createCollection=true (see docs/save-modes.md)"));
      }
      throw e;
    }
    return parse(database, collection, data);
  }

  /** True when the partition exists in the collection ({@code /partitions/has}). */
  public boolean hasPartition(String database, String collection, String partition) {
    ObjectNode body =
        client
            .body()
            .put("dbName", database)
            .put("collectionName", collection)
            .put("partitionName", partition);
    return retry
        .call("check of partition " + partition, () -> client.post("partitions/has", body))
        .path("has")
        .asBoolean(false);
  }

  /** True when {@code name} is a collection or an alias of one ({@code /collections/has}). */
  public boolean exists(String database, String name) {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", name);
    return retry
        .call("check of collection " + name, () -> client.post("collections/has", body))
        .path("has")
        .asBoolean(false);
  }

  /** The aliases of {@code collection}, from its describe answer. */
  public List<String> aliasesOf(String database, String collection) {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    List<String> out = new ArrayList<>();
    retry
        .call(
            "describe of collection " + collection, () -> client.post("collections/describe", body))
        .path("aliases")
        .forEach(a -> out.add(a.asText()));
    return out;
  }

  /** The collection {@code alias} points at, or null when it is no alias. */
  public String aliasTarget(String database, String alias) {
    ObjectNode body = client.body().put("dbName", database).put("aliasName", alias);
    try {
      return retry
          .call("describe of alias " + alias, () -> client.post("aliases/describe", body))
          .path("collectionName")
          .asText(null);
    } catch (MilvusServerException e) {
      if (e.code() == ALIAS_NOT_FOUND || e.code() == COLLECTION_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Creates the collection of {@code createRequest} (the body of {@code /collections/create}, e.g.
   * {@code CollectionDesign.createRequest}). A repeat after a lost answer first checks whether the
   * collection exists, so the create is not refused as a duplicate of itself.
   */
  public void create(ObjectNode createRequest) {
    String database = createRequest.path("dbName").asText("default");
    String name = createRequest.path("collectionName").asText();
    retry.createOnce(
        "create of collection " + name,
        false,
        () -> exists(database, name) ? name : null,
        () -> {
          client.post("collections/create", createRequest);
          return name;
        });
  }

  /**
   * {@link #create} of a collection a write is about to import into; a failure says nothing was
   * imported and that a lost answer may have left the collection, empty ({@code check}: how to look
   * before running {@code again} again).
   */
  public void createForImport(ObjectNode createRequest, String check, String again) {
    try {
      create(createRequest);
    } catch (RuntimeException e) {
      throw new ImportFailedException(
          "Creating collection '"
              + createRequest.path("collectionName").asText()
              + "' in database '"
              + createRequest.path("dbName").asText("default")
              + "' failed, nothing was imported: "
              + e.getMessage()
              + ". If the create's answer was lost, the collection may exist empty: check it"
              + check
              + " before running the "
              + again
              + " again.",
          e);
    }
  }

  /** Drops a collection (never through an alias: Milvus refuses that). */
  public void drop(String database, String collection) {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    retry.call("drop of collection " + collection, () -> client.post("collections/drop", body));
  }

  /** {@code /collections/rename} within the database. */
  public void rename(String database, String collection, String newName) {
    ObjectNode body =
        client
            .body()
            .put("dbName", database)
            .put("collectionName", collection)
            .put("newCollectionName", newName);
    retry.call("rename of collection " + collection, () -> client.post("collections/rename", body));
  }

  /** {@code /aliases/create}: a new alias for an existing collection. */
  public void createAlias(String database, String alias, String collection) {
    aliasCall("create", database, alias, collection);
  }

  /** {@code /aliases/alter}: points an alias at another collection, atomically for readers. */
  public void alterAlias(String database, String alias, String collection) {
    aliasCall("alter", database, alias, collection);
  }

  /** {@code /aliases/drop}. */
  public void dropAlias(String database, String alias) {
    aliasCall("drop", database, alias, null);
  }

  private void aliasCall(String verb, String database, String alias, String collection) {
    ObjectNode body = client.body().put("dbName", database).put("aliasName", alias);
    if (collection != null) {
      body.put("collectionName", collection);
    }
    retry.call(verb + " of alias " + alias, () -> client.post("aliases/" + verb, body));
  }

  /**
   * The create request of a new collection {@code target} with the schema, functions, shards and
   * vector indexes of {@code source}: what an overwrite imports into before the alias swap.
   */
  public ObjectNode likeRequest(String database, String source, String target) {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", source);
    JsonNode described =
        retry.call(
            "describe of collection " + source, () -> client.post("collections/describe", body));
    ObjectNode request = CollectionCopy.createRequest(database, target, described);
    for (JsonNode index : described.path("indexes")) {
      String indexName = index.path("indexName").asText();
      ObjectNode ask =
          client
              .body()
              .put("dbName", database)
              .put("collectionName", source)
              .put("indexName", indexName);
      JsonNode answer =
          retry.call("describe of index " + indexName, () -> client.post("indexes/describe", ask));
      CollectionCopy.addIndex(request, index, answer);
    }
    return request;
  }

  static CollectionSchema parse(String database, String collection, JsonNode data) {
    List<MilvusField> fields = new ArrayList<>();
    for (JsonNode field : data.path("fields")) {
      MilvusField.Builder builder =
          MilvusField.builder(field.path("name").asText(), field.path("type").asText())
              .primaryKey(field.path("primaryKey").asBoolean(false))
              .autoId(field.path("autoId").asBoolean(false))
              .partitionKey(field.path("partitionKey").asBoolean(false))
              .nullable(field.path("nullable").asBoolean(false))
              .hasDefault(field.has("defaultValue") && !field.get("defaultValue").isNull())
              .functionOutput(field.path("isFunctionOutput").asBoolean(false));
      if (field.hasNonNull("elementType")) {
        builder.elementType(field.get("elementType").asText());
      }
      for (JsonNode param : field.path("params")) {
        String key = param.path("key").asText();
        int value = parseInt(param.path("value"));
        if (key.equals("dim")) {
          builder.dim(value);
        } else if (key.equals("max_length")) {
          builder.maxLength(value);
        } else if (key.equals("max_capacity")) {
          builder.maxCapacity(value);
        }
      }
      fields.add(builder.build());
    }
    return new CollectionSchema(
        database, collection, fields, data.path("enableDynamicField").asBoolean(false));
  }

  /** Params arrive as strings ({@code "768"}); tolerate numbers too. */
  private static int parseInt(JsonNode value) {
    if (value.isNumber()) {
      return value.asInt();
    }
    try {
      return Integer.parseInt(value.asText().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
