package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The stand-in's collections, keyed by database and name. */
final class CollectionStore {
  private final Map<String, CollectionSpec> collections = new ConcurrentHashMap<>();

  private static String key(String db, String name) {
    return db + "\u0000" + name;
  }

  CollectionSpec create(String db, String name, JsonNode body) {
    CollectionSpec spec = CollectionSpec.fromCreateBody(db, name, body);
    CollectionSpec prev = collections.putIfAbsent(key(db, name), spec);
    if (prev != null) {
      throw MilvusErrors.parameterInvalid(
          "collection already exists[database=" + db + "][collection=" + name + "]");
    }
    return spec;
  }

  /**
   * Adds a collection made elsewhere (a snapshot restore's target); an existing name answers as
   * Milvus's root coordinator does for a restore into it (1100).
   */
  CollectionSpec add(CollectionSpec spec) {
    if (collections.putIfAbsent(key(spec.db, spec.name), spec) != null) {
      throw MilvusErrors.parameterInvalid(
          "create duplicate collection with different parameters, collection: " + spec.name);
    }
    return spec;
  }

  CollectionSpec find(String db, String name) {
    return collections.get(key(db, name));
  }

  /** The collection or Milvus's code 100 error. */
  CollectionSpec get(String db, String name) {
    CollectionSpec c = find(db, name);
    if (c == null) {
      throw MilvusErrors.collectionNotFound(db, name);
    }
    return c;
  }

  boolean drop(String db, String name) {
    return collections.remove(key(db, name)) != null;
  }

  List<String> names(String db) {
    List<String> out = new ArrayList<>();
    for (CollectionSpec c : collections.values()) {
      if (c.db.equals(db)) {
        out.add(c.name);
      }
    }
    out.sort(null);
    return out;
  }
}
