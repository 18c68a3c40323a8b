package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.standin.RestRouter.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /v2/vectordb/snapshots/{create,list,describe,drop}} of a 3.0 stand-in (contract §6). A
 * snapshot holds the rows of the collection's completed imports at its creation (imports write
 * sealed segments, which is what a snapshot keeps). Names are unique per collection: Milvus's
 * snapshot manager answers 1100 "snapshot name N already exists".
 */
final class SnapshotEndpoints {
  private static final String S = "/v2/vectordb/snapshots/";

  /** One snapshot: its describe fields and the rows it holds. */
  static final class Snapshot {
    final String name;
    final String description;
    final String collection;
    final long createTs;
    final List<Map<String, Object>> rows;

    Snapshot(
        String name,
        String description,
        String collection,
        long createTs,
        List<Map<String, Object>> rows) {
      this.name = name;
      this.description = description;
      this.collection = collection;
      this.createTs = createTs;
      this.rows = rows;
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
    r.register(S + "describe", req -> describe(find(req)));
    r.register(
        S + "drop",
        req -> {
          snapshots.remove(key(req.db, collection(req), snapshotName(req)));
          return null;
        });
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

  private JsonNode create(Request req) {
    CollectionSpec c = store.get(req.db, collection(req));
    String name = snapshotName(req);
    checkName(name);
    List<Map<String, Object>> rows = new ArrayList<>(c.rows(null));
    // createTs is a hybrid timestamp in Milvus: physical milliseconds << 18.
    Snapshot s =
        new Snapshot(
            name,
            req.body.path("description").asText(""),
            c.name,
            System.currentTimeMillis() << 18,
            rows);
    if (snapshots.putIfAbsent(key(req.db, c.name, name), s) != null) {
      throw MilvusErrors.parameterInvalid("snapshot name " + name + " already exists");
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
    String collection = collection(req);
    store.get(req.db, collection);
    ArrayNode names = RestRouter.JSON.createArrayNode();
    String prefix = req.db + "/" + collection + "/";
    snapshots.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .sorted()
        .forEach(k -> names.add(k.substring(prefix.length())));
    return names;
  }

  private Snapshot find(Request req) {
    Snapshot s = snapshots.get(key(req.db, collection(req), snapshotName(req)));
    if (s == null) {
      throw MilvusErrors.parameterInvalid(
          "snapshot " + snapshotName(req) + " not found (stand-in text)");
    }
    return s;
  }

  private static JsonNode describe(Snapshot s) {
    ObjectNode d = RestRouter.JSON.createObjectNode();
    d.put("snapshotName", s.name);
    d.put("description", s.description);
    d.put("collectionName", s.collection);
    d.putArray("partitionNames").add("_default");
    d.put("createTs", s.createTs);
    d.put("s3Location", "snapshots/" + s.collection + "/metadata/" + s.name + ".json");
    d.put("rowCount", s.rows.size());
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
