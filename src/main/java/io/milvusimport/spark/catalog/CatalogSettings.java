package io.milvusimport.spark.catalog;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.connect.ConnectionKeys;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.milvus.MilvusCollections;
import io.milvusimport.milvus.MilvusNamespaces;
import io.milvusimport.spark.CatalogWrites;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Milvus catalog's settings ({@code spark.sql.catalog.<name>.<key>}), checked once when Spark
 * loads the catalog: the keys and meanings of {@code df.write}'s options, parsed by the same
 * connection parser; {@code database} is the default namespace and {@code collection} comes from
 * each table's name. It holds the credential: driver only, and {@link #toString} leaves it out.
 */
final class CatalogSettings {
  /** Keys a table's identifier or the statement decides, never the catalog's settings. */
  private static final Set<String> FROM_IDENTIFIER = Set.of("collection");

  private final String catalog;
  private final Map<String, String> settings;
  private final MilvusConnection connection;
  private final MilvusNamespaces namespaces;
  private final MilvusCollections collections;

  private CatalogSettings(String catalog, Map<String, String> settings) {
    this.catalog = catalog;
    this.settings = Map.copyOf(settings);
    CatalogWrites.checkKeys(catalog, settings.keySet(), FROM_IDENTIFIER);
    String uri = find(settings, ConnectionKeys.URI);
    if (uri == null) {
      throw new InvalidOptionException(
          "Catalog setting 'spark.sql.catalog."
              + catalog
              + ".uri' is required: the Milvus REST endpoint, e.g. http://milvus:19530");
    }
    MilvusConnection.refuseSecretsInUri(uri);
    this.connection = MilvusConnection.parse(settings);
    this.namespaces = new MilvusNamespaces(connection.client(), connection.retryPolicy());
    this.collections = new MilvusCollections(connection.client(), connection.retryPolicy());
  }

  static CatalogSettings parse(String catalog, Map<String, String> settings) {
    return new CatalogSettings(catalog, settings);
  }

  String catalog() {
    return catalog;
  }

  /** The default namespace: setting {@code database}, else {@code default}. */
  String defaultDatabase() {
    return connection.database();
  }

  /** The catalog's connection (its settings' connection keys), for management calls. */
  MilvusConnection connection() {
    return connection;
  }

  /** One client for every catalog call; creating it calls nothing. */
  MilvusNamespaces namespaces() {
    return namespaces;
  }

  /** The collection calls (create, drop, aliases) on the same client; creating it calls nothing. */
  MilvusCollections collections() {
    return collections;
  }

  /**
   * The options of a write into {@code database.collection}: the catalog's settings, the table's
   * name, and the statement's own options on top (which may not rename the target).
   */
  Map<String, String> writeOptions(
      String database, String collection, Map<String, String> statementOptions) {
    Map<String, String> options = new HashMap<>();
    settings.forEach(
        (key, value) -> {
          if (!key.equalsIgnoreCase(ConnectionKeys.DATABASE)) {
            options.put(key, value);
          }
        });
    statementOptions.forEach(
        (key, value) -> {
          String k = key.toLowerCase(Locale.ROOT);
          if (k.equals("collection")
              || k.equals(ConnectionKeys.DATABASE.toLowerCase(Locale.ROOT))) {
            throw new InvalidOptionException(
                "Option '"
                    + key
                    + "' cannot be given to a write into "
                    + catalog
                    + "."
                    + database
                    + "."
                    + collection
                    + ": the table's name says where the rows go.");
          }
          options.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
          options.put(key, value);
        });
    options.put(ConnectionKeys.DATABASE, database);
    options.put("collection", collection);
    return options;
  }

  private static String find(Map<String, String> settings, String key) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key) && !e.getValue().isBlank()) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The credential is left out on purpose. */
  @Override
  public String toString() {
    return "CatalogSettings{" + catalog + ", " + connection + "}";
  }
}
