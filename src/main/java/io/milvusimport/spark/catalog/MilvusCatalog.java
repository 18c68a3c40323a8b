package io.milvusimport.spark.catalog;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.MilvusNamespaces;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.StagedTable;
import org.apache.spark.sql.connector.catalog.StagingTableCatalog;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milvus as a Spark SQL catalog ({@code spark.sql.catalog.milvus =
 * io.milvusimport.spark.catalog.MilvusCatalog}): namespaces are Milvus databases and tables are
 * collections (an alias loads the collection it points at), so SQL users and {@code
 * df.writeTo("milvus.db.docs")} reach Milvus without repeating connection options. Its settings are
 * the {@code df.write} options under {@code spark.sql.catalog.<name>.}, and a write into a table is
 * a {@code df.write} write. Tables are write-only; a SELECT is refused naming the table.
 *
 * <p>It is a {@link StagingTableCatalog} so that {@code REPLACE TABLE ... AS SELECT} and {@code
 * createOrReplace()} replace a collection the way {@code mode("overwrite")} does (an alias is
 * swapped atomically) instead of Spark's drop-then-create, and so that a CTAS whose import fails
 * drops the collection it created.
 *
 * <p>It is not final only so that {@link MilvusProcedureCatalog} (Spark 4.0+) can add procedures.
 */
public class MilvusCatalog implements StagingTableCatalog, SupportsNamespaces {
  private static final Logger LOG = LoggerFactory.getLogger(MilvusCatalog.class);

  /** Properties Spark itself adds to CREATE NAMESPACE ({@code owner}, ...); Milvus keeps none. */
  private static final Set<String> SPARK_NAMESPACE_PROPERTIES =
      Set.of("owner", "comment", "location");

  private CatalogSettings settings;
  private CatalogTableCreator creator;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.settings = CatalogSettings.parse(name, options.asCaseSensitiveMap());
    this.creator = new CatalogTableCreator(name, settings.collections());
    LOG.debug("Catalog {} initialised: {}", name, settings);
  }

  /** The catalog's parsed settings (its connection). */
  final CatalogSettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return settings.catalog();
  }

  @Override
  public String[] defaultNamespace() {
    return new String[] {settings.defaultDatabase()};
  }

  // ---- namespaces = databases

  @Override
  public String[][] listNamespaces() {
    return settings.namespaces().databases().stream()
        .map(db -> new String[] {db})
        .toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    requireDatabase(namespace);
    return new String[0][];
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace)
      throws NoSuchNamespaceException {
    requireDatabase(namespace);
    return Map.of();
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata)
      throws NamespaceAlreadyExistsException {
    String database = database(namespace);
    for (String key : metadata.keySet()) {
      if (!SPARK_NAMESPACE_PROPERTIES.contains(key)) {
        throw new InvalidOptionException(
            "Milvus databases take no properties from Spark: remove '"
                + key
                + "' from CREATE NAMESPACE "
                + settings.catalog()
                + "."
                + database
                + " (set database properties with a Milvus client).");
      }
    }
    MilvusNamespaces namespaces = settings.namespaces();
    if (namespaces.databases().contains(database)) {
      throw new NamespaceAlreadyExistsException(namespace);
    }
    namespaces.createDatabase(database);
    LOG.info("Created Milvus database {}", database);
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw new UnsupportedOperationException(
        "ALTER NAMESPACE is not supported by the milvus-import catalog: Milvus databases take no"
            + " properties from Spark; change them with a Milvus client.");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade)
      throws NoSuchNamespaceException, NonEmptyNamespaceException {
    String database = database(namespace);
    MilvusNamespaces namespaces = settings.namespaces();
    if (!namespaces.databases().contains(database)) {
      throw new NoSuchNamespaceException(namespace);
    }
    List<String> collections = namespaces.collections(database);
    if (!collections.isEmpty()) {
      if (cascade) {
        throw new MilvusImportException(
            "DROP NAMESPACE ... CASCADE is refused by the milvus-import catalog: it would drop"
                + " the collections "
                + collections
                + " of Milvus database '"
                + database
                + "'. Drop them one by one with DROP TABLE (after removing their aliases), then"
                + " DROP NAMESPACE.");
      }
      throw new NonEmptyNamespaceException(namespace);
    }
    namespaces.dropDatabase(database);
    LOG.info("Dropped Milvus database {}", database);
    return true;
  }

  // ---- tables = collections

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    String database = requireDatabase(namespace);
    return settings.namespaces().collections(database).stream()
        .map(name -> Identifier.of(namespace, name))
        .toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    String database = tableDatabase(ident);
    Optional<MilvusNamespaces.Description> description =
        database == null
            ? Optional.empty()
            : settings.namespaces().describe(database, ident.name());
    if (description.isEmpty()) {
      throw new NoSuchTableException(ident);
    }
    return new MilvusCollectionTable(settings, database, description.get());
  }

  @Override
  public Table createTable(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws NoSuchNamespaceException {
    String database = requireDatabase(ident.namespace());
    creator.create(database, ident.name(), schema, partitions, properties);
    return loadCreated(database, ident);
  }

  // ---- staged CTAS / RTAS: Spark writes into the staged table, then commits or aborts it

  @Override
  public StagedTable stageCreate(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    String database = requireDatabase(ident.namespace());
    if (settings.namespaces().describe(database, ident.name()).isPresent()) {
      throw new TableAlreadyExistsException(ident);
    }
    // Spark stages when the statement runs (never while planning); the write follows at once.
    creator.create(database, ident.name(), schema, partitions, properties);
    MilvusCollectionTable table = loadCreated(database, ident);
    return StagedCollection.created(table, () -> creator.dropCreated(database, ident.name()));
  }

  @Override
  public StagedTable stageReplace(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws NoSuchNamespaceException, NoSuchTableException {
    String database = requireDatabase(ident.namespace());
    creator.refusePartitions(database, ident.name(), partitions);
    if (!creator.designKeys(database, ident.name(), properties).isEmpty()) {
      // createOrReplace() run again with the properties that created the collection: fine.
      LOG.info(
          "Replacing the rows of {}.{}: the collection keeps its schema and indexes; the design"
              + " properties of the statement apply only when it creates a collection",
          database,
          ident.name());
    }
    return StagedCollection.replaced((MilvusCollectionTable) loadTable(ident));
  }

  @Override
  public StagedTable stageCreateOrReplace(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws NoSuchNamespaceException {
    String database = requireDatabase(ident.namespace());
    try {
      if (settings.namespaces().describe(database, ident.name()).isPresent()) {
        return stageReplace(ident, schema, partitions, properties);
      }
      return stageCreate(ident, schema, partitions, properties);
    } catch (NoSuchTableException | TableAlreadyExistsException e) {
      throw new MilvusImportException(
          "Collection "
              + database
              + "."
              + ident.name()
              + " was created or dropped by someone else while this statement ran; nothing was"
              + " changed: run it again.",
          e);
    }
  }

  private MilvusCollectionTable loadCreated(String database, Identifier ident) {
    try {
      return (MilvusCollectionTable) loadTable(ident);
    } catch (NoSuchTableException e) {
      throw new MilvusImportException(
          "Collection " + database + "." + ident.name() + " was created but cannot be described",
          e);
    }
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw new UnsupportedOperationException(
        "ALTER TABLE is not supported by the milvus-import catalog: change collection "
            + ident.name()
            + "'s schema with a Milvus client.");
  }

  @Override
  public boolean dropTable(Identifier ident) {
    String database = tableDatabase(ident);
    if (database == null) {
      return false;
    }
    MilvusNamespaces namespaces = settings.namespaces();
    Optional<MilvusNamespaces.Description> description =
        namespaces.describe(database, ident.name());
    if (description.isEmpty()) {
      return false;
    }
    if (description.get().isAlias()) {
      throw new MilvusImportException(
          "DROP TABLE "
              + settings.catalog()
              + "."
              + database
              + "."
              + ident.name()
              + " names an alias of collection '"
              + description.get().collectionName()
              + "'; nothing was dropped. Drop the alias with a Milvus client, or drop the"
              + " collection by its own name once no alias points at it.");
    }
    settings.collections().drop(database, ident.name());
    LOG.info("Dropped Milvus collection {}.{}", database, ident.name());
    return true;
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw new UnsupportedOperationException(
        "ALTER TABLE ... RENAME TO is not supported by the milvus-import catalog: rename"
            + " collection "
            + oldIdent.name()
            + " with a Milvus client, or point an alias at it.");
  }

  // ---- helpers

  /** The database of a one-level namespace, else null (no such table in this catalog). */
  private static String tableDatabase(Identifier ident) {
    return ident.namespace().length == 1 ? ident.namespace()[0] : null;
  }

  private String database(String[] namespace) {
    if (namespace.length != 1) {
      throw new InvalidOptionException(
          "A Milvus catalog namespace is one database name, got "
              + String.join(".", namespace)
              + " in catalog "
              + settings.catalog());
    }
    return namespace[0];
  }

  private String requireDatabase(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 1 || !settings.namespaces().databases().contains(namespace[0])) {
      throw new NoSuchNamespaceException(namespace);
    }
    return namespace[0];
  }
}
