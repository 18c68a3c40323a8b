package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stand-in's collections, keyed by database and name, and their aliases: as in Milvus, a name
 * that is no collection is looked up as an alias of the same database, so describes, imports,
 * flushes and snapshots through an alias reach the aliased collection.
 */
final class CollectionStore {
  private final Map<String, CollectionSpec> collections = new ConcurrentHashMap<>();

  /** Alias key (database, alias) to the aliased collection's name. */
  private final Map<String, String> aliases = new ConcurrentHashMap<>();

  /** Databases made with {@code databases/create}; {@code default} always exists. */
  private final Set<String> databases = ConcurrentHashMap.newKeySet();

  private static String key(String db, String name) {
    return db + "\u0000" + name;
  }

  /** Every {@code collections/create} body received, in order (refused ones too). */
  final List<JsonNode> createRequests = java.util.Collections.synchronizedList(new ArrayList<>());

  CollectionSpec create(String db, String name, JsonNode body) {
    createRequests.add(body.deepCopy());
    checkNotAlias(db, name);
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
    checkNotAlias(spec.db, spec.name);
    if (collections.putIfAbsent(key(spec.db, spec.name), spec) != null) {
      throw MilvusErrors.parameterInvalid(
          "create duplicate collection with different parameters, collection: " + spec.name);
    }
    return spec;
  }

  /** The collection by name, else by alias; null when neither. */
  CollectionSpec find(String db, String name) {
    CollectionSpec c = collections.get(key(db, name));
    if (c != null) {
      return c;
    }
    String aliased = aliases.get(key(db, name));
    return aliased == null ? null : collections.get(key(db, aliased));
  }

  /** The collection or Milvus's code 100 error. */
  CollectionSpec get(String db, String name) {
    CollectionSpec c = find(db, name);
    if (c == null) {
      throw MilvusErrors.collectionNotFound(db, name);
    }
    return c;
  }

  /**
   * Milvus (2.4+) refuses to drop through an alias, and to drop a collection that still has
   * aliases.
   */
  boolean drop(String db, String name) {
    if (!collections.containsKey(key(db, name)) && aliases.containsKey(key(db, name))) {
      throw MilvusErrors.parameterInvalid("cannot drop the collection via alias = " + name);
    }
    List<String> own = aliasesOf(db, name);
    if (!own.isEmpty()) {
      throw MilvusErrors.parameterInvalid(
          "unable to drop the collection ["
              + name
              + "] because it has associated aliases "
              + own
              + ", please remove all aliases before dropping the collection");
    }
    return collections.remove(key(db, name)) != null;
  }

  /**
   * {@code collections/rename} in one database: the new name must be free of collections and
   * aliases (Milvus: "duplicated new collection name ..."); aliases keep pointing at the renamed
   * collection.
   */
  void rename(String db, String name, String newName) {
    CollectionSpec c = collections.get(key(db, name));
    if (c == null) {
      throw MilvusErrors.collectionNotFound(db, name);
    }
    if (collections.containsKey(key(db, newName)) || aliases.containsKey(key(db, newName))) {
      throw MilvusErrors.parameterInvalid(
          "duplicated new collection name "
              + db
              + ":"
              + newName
              + " with other collection name or alias");
    }
    collections.put(key(db, newName), c.renamed(newName));
    collections.remove(key(db, name));
    aliases.replaceAll(
        (k, target) -> k.startsWith(key(db, "")) && target.equals(name) ? newName : target);
  }

  /** {@code aliases/create}: the collection must exist, the alias be no collection nor alias. */
  void createAlias(String db, String alias, String collection) {
    if (!collections.containsKey(key(db, collection))) {
      throw MilvusErrors.collectionNotFound(db, collection);
    }
    checkNotCollection(db, alias);
    if (aliases.putIfAbsent(key(db, alias), collection) != null) {
      throw MilvusErrors.aliasExists(db, alias);
    }
  }

  /** {@code aliases/alter}: points an existing alias at another existing collection. */
  void alterAlias(String db, String alias, String collection) {
    if (!collections.containsKey(key(db, collection))) {
      throw MilvusErrors.collectionNotFound(db, collection);
    }
    if (aliases.replace(key(db, alias), collection) == null) {
      throw MilvusErrors.aliasNotFound(db, alias);
    }
  }

  /** The aliased collection's name, or Milvus's "alias not found". */
  String describeAlias(String db, String alias) {
    String collection = aliases.get(key(db, alias));
    if (collection == null) {
      throw MilvusErrors.aliasNotFound(db, alias);
    }
    return collection;
  }

  void dropAlias(String db, String alias) {
    aliases.remove(key(db, alias));
  }

  /** The database's aliases, sorted; of one collection when {@code collection} is not null. */
  List<String> aliasNames(String db, String collection) {
    String prefix = key(db, "");
    List<String> out = new ArrayList<>();
    aliases.forEach(
        (k, target) -> {
          if (k.startsWith(prefix) && (collection == null || target.equals(collection))) {
            out.add(k.substring(prefix.length()));
          }
        });
    out.sort(null);
    return out;
  }

  private List<String> aliasesOf(String db, String collection) {
    return aliasNames(db, collection);
  }

  private void checkNotAlias(String db, String name) {
    if (aliases.containsKey(key(db, name))) {
      throw MilvusErrors.parameterInvalid(
          "collection name ["
              + name
              + "] conflicts with an existing alias, please choose a unique"
              + " name");
    }
  }

  private void checkNotCollection(String db, String alias) {
    if (collections.containsKey(key(db, alias))) {
      throw MilvusErrors.aliasCollectionNameConflict(db, alias);
    }
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

  /**
   * Every database: {@code default} first, then the created ones and, leniently, those holding a
   * collection a test made without creating its database (Milvus would refuse such a create).
   */
  List<String> databaseNames() {
    Set<String> names = new TreeSet<>(databases);
    for (CollectionSpec c : collections.values()) {
      names.add(c.db);
    }
    names.remove("default");
    List<String> out = new ArrayList<>();
    out.add("default");
    out.addAll(names);
    return out;
  }

  boolean hasDatabase(String db) {
    return databaseNames().contains(db);
  }

  /** {@code databases/create}: the rootcoord refuses a name in use (1100, Milvus 2.5+ text). */
  void createDatabase(String db) {
    if (hasDatabase(db) || !databases.add(db)) {
      throw MilvusErrors.parameterInvalid("database already exist: " + db);
    }
  }

  /**
   * {@code databases/drop}: refused for {@code default} and for a database holding collections
   * (plain errors, code 65535); a database that does not exist is dropped silently, as in Milvus.
   */
  void dropDatabase(String db) {
    if (db.equals("default")) {
      throw MilvusErrors.unexpected("can not drop default database");
    }
    if (!names(db).isEmpty()) {
      throw MilvusErrors.unexpected(
          "database:" + db + " not empty, must drop all collections before drop database");
    }
    databases.remove(db);
  }
}
