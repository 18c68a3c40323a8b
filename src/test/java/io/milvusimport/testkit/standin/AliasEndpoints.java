package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.standin.RestRouter.Request;

/**
 * {@code /v2/vectordb/aliases/*} of the stand-in (handler_v2.go {@code AliasReq} / {@code
 * AliasCollectionReq}: {@code dbName, aliasName*}, plus {@code collectionName*} for create and
 * alter). Describe answers {@code dbName, collectionName, aliasName} with {@code "code": 200}, as
 * Milvus's handler writes it; list answers the database's alias names (of one collection when
 * {@code collectionName} is given, as newer servers filter).
 */
final class AliasEndpoints {
  private static final String A = "/v2/vectordb/aliases/";
  private final CollectionStore store;

  AliasEndpoints(CollectionStore store) {
    this.store = store;
  }

  void registerAll(RestRouter r) {
    r.register(
        A + "create",
        req -> {
          store.createAlias(req.db, alias(req), collection(req));
          return null;
        });
    r.register(
        A + "alter",
        req -> {
          store.alterAlias(req.db, alias(req), collection(req));
          return null;
        });
    r.register(
        A + "drop",
        req -> {
          store.dropAlias(req.db, alias(req));
          return null;
        });
    r.registerWithCode(
        A + "describe",
        200,
        req -> {
          String alias = alias(req);
          ObjectNode d = RestRouter.JSON.createObjectNode();
          d.put("dbName", req.db);
          d.put("collectionName", store.describeAlias(req.db, alias));
          d.put("aliasName", alias);
          return d;
        });
    r.register(
        A + "list",
        req -> {
          String collection = req.body.path("collectionName").asText("");
          ArrayNode a = RestRouter.JSON.createArrayNode();
          store.aliasNames(req.db, collection.isEmpty() ? null : collection).forEach(a::add);
          return a;
        });
  }

  private static String alias(Request req) {
    return req.required("aliasName", "AliasReq");
  }

  private static String collection(Request req) {
    return req.required("collectionName", "AliasCollectionReq");
  }
}
