package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a describe answer into the create request of an empty twin: describe says {@code
 * primaryKey}/{@code autoId}/{@code params:[{key,value}]}, create wants {@code isPrimary}/{@code
 * autoID}/{@code elementTypeParams} (contract §2). Function outputs stay function outputs.
 */
final class CollectionCopy {
  private CollectionCopy() {}

  static ObjectNode createRequest(String database, String target, JsonNode described) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("dbName", database);
    body.put("collectionName", target);
    ObjectNode schema = body.putObject("schema");
    schema.put("autoID", described.path("autoId").asBoolean(false));
    schema.put("enableDynamicField", described.path("enableDynamicField").asBoolean(false));
    ArrayNode fields = schema.putArray("fields");
    for (JsonNode f : described.path("fields")) {
      ObjectNode o = fields.addObject();
      o.put("fieldName", f.path("name").asText());
      o.put("dataType", f.path("type").asText());
      copyTrue(f, "primaryKey", o, "isPrimary");
      copyTrue(f, "partitionKey", o, "isPartitionKey");
      copyTrue(f, "clusteringKey", o, "isClusteringKey");
      copyTrue(f, "nullable", o, "nullable");
      if (f.hasNonNull("defaultValue")) {
        o.set("defaultValue", f.get("defaultValue"));
      }
      if (f.hasNonNull("elementType")) {
        o.put("elementDataType", f.get("elementType").asText());
      }
      ObjectNode params = o.putObject("elementTypeParams");
      for (JsonNode p : f.path("params")) {
        params.put(p.path("key").asText(), p.path("value").asText());
      }
    }
    if (described.path("functions").isArray() && described.path("functions").size() > 0) {
      schema.set("functions", described.get("functions").deepCopy());
    }
    body.putArray("indexParams");
    ObjectNode params = body.putObject("params");
    if (described.path("shardsNum").asInt(0) > 0) {
      params.put("shardsNum", described.path("shardsNum").asInt());
    }
    if (described.hasNonNull("consistencyLevel")) {
      params.put("consistencyLevel", described.get("consistencyLevel").asText());
    }
    if (described.path("properties").isArray() && described.path("properties").size() > 0) {
      body.set("properties", described.get("properties").deepCopy());
    }
    return body;
  }

  /**
   * Adds one index: name, field and metric from the describe answer, type and params from {@code
   * /indexes/describe} ({@code data} is a list of index descriptions).
   */
  static void addIndex(ObjectNode request, JsonNode listed, JsonNode described) {
    JsonNode detail = described.isArray() && described.size() > 0 ? described.get(0) : described;
    ObjectNode index = ((ArrayNode) request.get("indexParams")).addObject();
    index.put("fieldName", listed.path("fieldName").asText());
    index.put("indexName", listed.path("indexName").asText());
    String metric = listed.path("metricType").asText(detail.path("metricType").asText(""));
    if (!metric.isEmpty()) {
      index.put("metricType", metric);
    }
    index.put("indexType", detail.path("indexType").asText("AUTOINDEX"));
    if (detail.path("params").isObject() && detail.path("params").size() > 0) {
      index.set("params", detail.get("params").deepCopy());
    }
  }

  private static void copyTrue(JsonNode from, String key, ObjectNode to, String as) {
    if (from.path(key).asBoolean(false)) {
      to.put(as, true);
    }
  }
}
