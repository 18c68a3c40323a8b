package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.standin.RestRouter.Request;

/**
 * {@code /v2/vectordb/collections/*} and {@code /v2/vectordb/partitions/*} of the stand-in, with
 * the describe answer shaped as contract §2 says (REST v2 handler_v2.go).
 */
final class CollectionEndpoints {
  private static final String C = "/v2/vectordb/collections/";
  private static final String P = "/v2/vectordb/partitions/";
  private final CollectionStore store;

  CollectionEndpoints(CollectionStore store) {
    this.store = store;
  }

  void registerAll(RestRouter r) {
    r.register(
        C + "describe",
        req -> {
          // Through an alias too: the answer names the aliased collection and its aliases.
          CollectionSpec c = store.get(req.db, name(req));
          ObjectNode d = describe(c);
          ArrayNode aliases = d.putArray("aliases");
          store.aliasNames(req.db, c.name).forEach(aliases::add);
          return d;
        });
    r.register(C + "has", req -> has(store.find(req.db, name(req)) != null));
    r.register(
        C + "create",
        req -> {
          store.create(req.db, name(req), req.body);
          return null;
        });
    r.register(
        C + "drop",
        req -> {
          store.drop(req.db, name(req));
          return null;
        });
    r.register(
        C + "rename",
        req -> {
          store.rename(req.db, name(req), req.required("newCollectionName", "RenameCollectionReq"));
          return null;
        });
    r.register(
        "/v2/vectordb/indexes/describe",
        req -> {
          CollectionSpec c = store.get(req.db, name(req));
          String indexName = req.required("indexName", "IndexReq");
          ArrayNode out = RestRouter.JSON.createArrayNode();
          for (JsonNode index : c.indexes) {
            if (index.path("indexName").asText().equals(indexName)) {
              out.add(indexDescription(index, c.rowCount()));
            }
          }
          if (out.isEmpty()) {
            throw MilvusErrors.indexNotFound(indexName);
          }
          return out;
        });
    r.register(
        "/v2/vectordb/indexes/list",
        req -> {
          ArrayNode out = RestRouter.JSON.createArrayNode();
          store.get(req.db, name(req)).indexes.forEach(i -> out.add(i.path("indexName").asText()));
          return out;
        });
    r.register(
        C + "flush",
        req -> {
          store.get(req.db, name(req)).flush();
          return null;
        });
    r.register(C + "get_load_state", req -> loadState(store.get(req.db, name(req))));
    r.register(
        C + "list",
        req -> {
          if (!store.hasDatabase(req.db)) {
            throw MilvusErrors.databaseNotFound(req.db);
          }
          ArrayNode a = RestRouter.JSON.createArrayNode();
          store.names(req.db).forEach(a::add);
          return a;
        });
    r.register(
        P + "create",
        req -> {
          CollectionSpec c = store.get(req.db, name(req));
          c.createPartition(req.required("partitionName", "PartitionReq"));
          return null;
        });
    r.register(
        P + "has",
        req -> {
          CollectionSpec c = store.get(req.db, name(req));
          return has(c.hasPartition(req.required("partitionName", "PartitionReq")));
        });
    r.register(
        P + "list",
        req -> {
          ArrayNode a = RestRouter.JSON.createArrayNode();
          store.get(req.db, name(req)).partitionNames().forEach(a::add);
          return a;
        });
  }

  private static String name(Request req) {
    return req.required("collectionName", "CollectionNameReq");
  }

  private static JsonNode has(boolean has) {
    ObjectNode o = RestRouter.JSON.createObjectNode();
    o.put("has", has);
    return o;
  }

  private static JsonNode loadState(CollectionSpec c) {
    ObjectNode o = RestRouter.JSON.createObjectNode();
    o.put("loadState", "LoadStateLoaded");
    o.put("loadProgress", 100);
    return o;
  }

  static ObjectNode describe(CollectionSpec c) {
    ObjectNode d = RestRouter.JSON.createObjectNode();
    d.put("collectionName", c.name);
    d.put("collectionID", c.collectionId);
    d.put("description", "");
    d.put("autoId", c.autoId);
    d.put("enableDynamicField", c.enableDynamicField);
    ArrayNode fields = d.putArray("fields");
    for (FieldSpec f : c.fields) {
      ObjectNode o = fields.addObject();
      o.put("name", f.name);
      o.put("id", f.id);
      o.put("type", f.type);
      o.put("description", "");
      o.put("primaryKey", f.primaryKey);
      o.put("partitionKey", f.partitionKey);
      o.put("clusteringKey", f.clusteringKey);
      o.put("autoId", f.autoId);
      o.put("nullable", f.nullable);
      if (f.hasDefault()) {
        o.set("defaultValue", f.defaultValue);
      }
      o.put("isFunctionOutput", f.functionOutput);
      if (f.elementType != null) {
        o.put("elementType", f.elementType);
      }
      ArrayNode params = o.putArray("params");
      param(params, "dim", f.dim);
      param(params, "max_length", f.maxLength);
      param(params, "max_capacity", f.maxCapacity);
    }
    d.set("functions", c.functions.deepCopy());
    d.putArray("aliases");
    ArrayNode indexes = d.putArray("indexes");
    for (JsonNode index : c.indexes) {
      // handler_v2 printIndexes: fieldName, indexName, metricType
      indexes
          .addObject()
          .put("fieldName", index.path("fieldName").asText())
          .put("indexName", index.path("indexName").asText())
          .put("metricType", index.path("metricType").asText(""));
    }
    d.put("load", "LoadStateLoaded");
    d.put("shardsNum", c.shardsNum);
    d.put("partitionsNum", c.partitionNames().size());
    d.put("consistencyLevel", c.consistencyLevel);
    ArrayNode props = d.putArray("properties");
    if (!TimestampTz.DEFAULT_TIMEZONE.equals(c.timezone)) {
      props.addObject().put("key", "timezone").put("value", c.timezone);
    }
    return d;
  }

  /** One entry of {@code indexes/describe}'s data (handler_v2 describeIndex). */
  private static ObjectNode indexDescription(JsonNode index, long rows) {
    ObjectNode o = RestRouter.JSON.createObjectNode();
    o.put("indexName", index.path("indexName").asText());
    o.put("fieldName", index.path("fieldName").asText());
    o.put("indexType", index.path("indexType").asText("AUTOINDEX"));
    o.put("metricType", index.path("metricType").asText(""));
    o.put("indexState", "Finished");
    o.put("totalRows", rows);
    o.put("indexedRows", rows);
    o.put("pendingRows", 0);
    o.put("failReason", "");
    if (index.path("params").isObject()) {
      o.set("params", index.get("params").deepCopy());
    }
    return o;
  }

  private static void param(ArrayNode params, String key, Integer value) {
    if (value != null) {
      ObjectNode p = params.addObject();
      p.put("key", key);
      p.put("value", value.toString());
    }
  }
}
