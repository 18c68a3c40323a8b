package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.standin.RestRouter.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /v2/vectordb/snapshots/{create,list,describe,drop}} of a 3.0.1+ stand-in (contract §6). A
 * snapshot holds the rows the collection's last flush persisted: create neither flushes nor waits.
 * Names are unique per collection (1100 "snapshot name N already exists"); a missing snapshot is
 * 2600 "snapshot not found[snapshot=N]", except for drop, which succeeds; a snapshot that a running
 * restore pins cannot be dropped (2601).
 */
final class SnapshotEndpoints {
  private static final String S = "/v2/vectordb/snapshots/";

  /** One snapshot: its describe fields, the rows it holds per partition, and its pins. */
  static final class Snapshot {
    final String name;
    final String description;
    final String collection;
    final long createTs;
    final Map<String, List<Map<String, Object>>> partitions;
    final AtomicInteger pins = new AtomicInteger();

    Snapshot(
        String name,
        String description,
        String collection,
        long createTs,
        Map<String, List<Map<String, Object>>> partitions) {
      this.name = name;
      this.description = description;
      this.collection = collection;
      this.createTs = createTs;
      this.partitions = partitions;
    }

    List<Map<String, Object>> rows() {
      List<Map<String, Object>> all = new ArrayList<>();
      partitions.values().forEach(all::addAll);
      return all;
    }
  }

  private final CollectionStore store;
  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

  SnapshotEndpoints(CollectionStore store) {
    this.store = store;
  }

  void registerAll(RestRouter r) {
    r.register(S + "create", this::create);
    r.register(S + "list", this::list);
    r.register(
        S + "describe",
        req -> {
          String collection = store.get(req.db, collection(req)).name;
          return describe(find(req.db, collection, snapshotName(req)));
        });
    r.register(S + "drop", this::drop);
  }

  List<String> names(String db, String collection) {
    String prefix = db + "/" + collection + "/";
    List<String> out = new ArrayList<>();
    snapshots.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .sorted()
        .forEach(k -> out.add(k.substring(prefix.length())));
    return out;
  }

  Snapshot get(String db, String collection, String name) {
    return snapshots.get(key(db, collection, name));
  }

  /** The snapshot, or Milvus's 2600 answer. */
  Snapshot find(String db, String collection, String name) {
    Snapshot s = get(db, collection, name);
    if (s == null) {
      throw MilvusErrors.snapshotNotFound(name);
    }
    return s;
  }

  private JsonNode create(Request req) {
    CollectionSpec c = store.get(req.db, collection(req));
    String name = snapshotName(req);
    checkName(name);
    // createTs is a hybrid timestamp in Milvus: physical milliseconds << 18.
    Snapshot s =
        new Snapshot(
            name,
            req.body.path("description").asText(""),
            c.name,
            System.currentTimeMillis() << 18,
            c.flushedRows());
    if (snapshots.putIfAbsent(key(req.db, c.name, name), s) != null) {
      throw MilvusErrors.parameterInvalid(
          "snapshot name " + name + " already exists in collection " + c.collectionId);
    }
    return null;
  }

  private JsonNode drop(Request req) {
    String collection = store.get(req.db, collection(req)).name;
    String name = snapshotName(req);
    Snapshot s = get(req.db, collection, name);
    if (s != null) {
      int pins = s.pins.get();
      if (pins > 0) {
        throw MilvusErrors.snapshotPinned(name, pins);
      }
      snapshots.remove(key(req.db, collection, name));
    }
    return null;
  }

  /**
   * The proxy's name validation ({@code validateCollectionNameOrAlias} with entity type "snapshot
   * name", default {@code proxy.maxNameLength} 255 and {@code nameValidation.allowedChars} "$"):
   * Milvus answers 1100 with these texts.
   */
  private static void checkName(String name) {
    String invalid = "Invalid snapshot name: " + name + ". ";
    if (name.length() > 255) {
      throw MilvusErrors.parameterInvalid(
          invalid + "the length of snapshot name must be not greater than limit");
    }
    char first = name.charAt(0);
    if (first != '_' && !(first < 128 && Character.isLetter(first))) {
      throw MilvusErrors.parameterInvalid(
          invalid + "the first character of snapshot name must be an underscore or a letter");
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ascii = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$');
      if (!ascii) {
        throw MilvusErrors.parameterInvalid(
            invalid
                + "snapshot name can only contain numbers, letters, underscores, and allowed"
                + " characters ($), found "
                + c
                + " at "
                + i);
      }
    }
  }

  private JsonNode list(Request req) {
    String collection = store.get(req.db, collection(req)).name;
    ArrayNode names = RestRouter.JSON.createArrayNode();
    names(req.db, collection).forEach(names::add);
    return names;
  }

  private static JsonNode describe(Snapshot s) {
    ObjectNode d = RestRouter.JSON.createObjectNode();
    d.put("snapshotName", s.name);
    d.put("description", s.description);
    d.put("collectionName", s.collection);
    ArrayNode partitions = d.putArray("partitionNames");
    s.partitions.keySet().forEach(partitions::add);
    // Milvus's REST layer writes int64s as JSON strings here.
    d.put("createTs", Long.toString(s.createTs));
    d.put("s3Location", "snapshots/" + s.collection + "/metadata/" + s.name + ".json");
    return d;
  }

  private static String collection(Request req) {
    return req.required("collectionName", "SnapshotReq");
  }

  private static String snapshotName(Request req) {
    return req.required("snapshotName", "SnapshotReq");
  }

  private static String key(String db, String collection, String name) {
    return db + "/" + collection + "/" + name;
  }
}
