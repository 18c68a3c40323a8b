package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /v2/vectordb/databases/{list,create,describe,drop}} of the stand-in (REST v2 handler:
 * create, describe and drop require {@code dbName}; list takes an empty body and answers the
 * names).
 */
final class DatabaseEndpoints {
  private static final String D = "/v2/vectordb/databases/";
  private final CollectionStore store;

  DatabaseEndpoints(CollectionStore store) {
    this.store = store;
  }

  void registerAll(RestRouter r) {
    r.register(
        D + "list",
        req -> {
          ArrayNode a = RestRouter.JSON.createArrayNode();
          store.databaseNames().forEach(a::add);
          return a;
        });
    r.register(
        D + "create",
        req -> {
          store.createDatabase(req.required("dbName", "DatabaseReqWithProperties"));
          return null;
        });
    r.register(
        D + "describe",
        req -> {
          String db = req.required("dbName", "DatabaseReqRequiredName");
          if (!store.hasDatabase(db)) {
            throw MilvusErrors.databaseNotFound(db);
          }
          ObjectNode o = RestRouter.JSON.createObjectNode();
          o.put("dbName", db);
          o.putArray("properties");
          return o;
        });
    r.register(
        D + "drop",
        req -> {
          store.dropDatabase(req.required("dbName", "DatabaseReqRequiredName"));
          return null;
        });
  }
}
