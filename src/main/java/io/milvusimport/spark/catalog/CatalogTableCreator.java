package io.milvusimport.spark.catalog;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.milvus.MilvusCollections;
import io.milvusimport.schema.CollectionDesign;
import io.milvusimport.schema.DesignKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the catalog creates collections ({@code CREATE TABLE}, CTAS, {@code
 * writeTo(...).create()}): a collection designed from the Spark schema and the table properties, as
 * {@code df.write} designs one from the DataFrame and its options. Table properties take design
 * keys only, so a connection setting or secret can never end up in one.
 */
final class CatalogTableCreator {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogTableCreator.class);

  /** Properties Spark adds to every CREATE TABLE itself; Milvus keeps none of them. */
  private static final Set<String> SPARK_PROPERTIES = Set.of("owner", "comment", "provider");

  private final String catalog;
  private final MilvusCollections collections;

  CatalogTableCreator(String catalog, MilvusCollections collections) {
    this.catalog = catalog;
    this.collections = collections;
  }

  /**
   * Creates {@code database.collection} for {@code schema}; {@code properties} say what a type
   * cannot (primary key, vector dimension, ...). Everything missing is reported at once, before
   * anything is created. Called by Spark on the driver when the statement runs.
   */
  void create(
      String database,
      String collection,
      StructType schema,
      Transform[] partitions,
      Map<String, String> props) {
    refusePartitions(database, collection, partitions);
    CollectionDesign design =
        CollectionDesign.fromSpark(collection, schema, designKeys(database, collection, props));
    collections.createForImport(
        design.createRequest(database),
        " (SHOW TABLES IN " + catalog + "." + database + ")",
        "statement");
    LOG.info("Created Milvus collection {}.{}: {}", database, collection, design.fields());
  }

  /**
   * Drops {@code database.collection}, which this statement created, when the statement failed; a
   * failed import has dropped it already.
   */
  void dropCreated(String database, String collection) {
    if (!collections.exists(database, collection)) {
      return;
    }
    collections.drop(database, collection);
    LOG.info(
        "Dropped collection {}.{} again: the statement that created it failed",
        database,
        collection);
  }

  /** PARTITIONED BY: Milvus partitions by a partition key field instead. */
  void refusePartitions(String database, String collection, Transform[] partitions) {
    if (partitions.length > 0) {
      throw new InvalidOptionException(
          "PARTITIONED BY is not supported for "
              + catalog
              + "."
              + database
              + "."
              + collection
              + ": give a partition key field in TBLPROPERTIES (partitionKey) instead (see"
              + " docs/catalog.md).");
    }
  }

  /**
   * The design keys of {@code props}; Spark's own properties are left out and anything else is
   * refused, naming the key but never its value (it may be a secret).
   */
  Map<String, String> designKeys(String database, String collection, Map<String, String> props) {
    Map<String, String> design = new LinkedHashMap<>();
    Set<String> refused = new TreeSet<>();
    props.forEach(
        (key, value) -> {
          if (DesignKeys.KEYS.stream().anyMatch(k -> k.equalsIgnoreCase(key))) {
            design.put(key, value);
          } else if (!SPARK_PROPERTIES.contains(key)) {
            refused.add(key);
          }
        });
    if (!refused.isEmpty()) {
      throw new InvalidOptionException(
          "Table properties "
              + refused
              + " of "
              + catalog
              + "."
              + database
              + "."
              + collection
              + " are refused: TBLPROPERTIES (and tableProperty) take only the design keys "
              + new TreeSet<>(DesignKeys.KEYS)
              + ". Connection settings and secrets (uri, token, password, ...) belong in the"
              + " catalog's settings spark.sql.catalog."
              + catalog
              + ".<key>, never in a table property; write options (OPTIONS, .option(...)) go with"
              + " the write. Nothing was created.");
    }
    return design;
  }
}
