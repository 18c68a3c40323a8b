package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusServerException;
import io.milvusimport.SchemaMismatchException;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a collection's schema from Milvus's describe answer (contract §2). These plan-time reads go
 * through the {@link RetryPolicy} like every other call, so one 503 does not fail the write.
 */
public final class MilvusCollections {
  /** Milvus's "collection not found" code. */
  static final int COLLECTION_NOT_FOUND = 100;

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
                    + "); create it first"));
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
