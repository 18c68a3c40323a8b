package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.connect.MilvusConnection;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.connector.catalog.SessionConfigSupport;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.CreatableRelationProvider;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Entry point of {@code df.write().format("milvus-import")}: the table takes the DataFrame's own
 * schema, and the collection's schema is checked when the write is planned. A read ({@code
 * spark.read().format("milvus-import").option("list", ...)} or {@code CREATE TEMPORARY VIEW ...
 * USING milvus-import}) lists Milvus metadata, snapshots or restore jobs, with a schema fixed by
 * option {@code list}; collection rows are never read. Options may also come from session settings
 * {@code spark.datasource.milvus.<option>}, which suits notebooks where the endpoint and token are
 * set once.
 *
 * <p>{@code save()} goes through {@link CreatableRelationProvider}: the table handed to Spark does
 * not declare BATCH_WRITE, so on Spark 3.5 and 4.x {@code DataFrameWriter.save} falls back to
 * {@link #createRelation} for every save mode (a TableProvider with BATCH_WRITE is refused
 * errorifexists and ignore). The mode is decided there, on the driver, and the import runs as a
 * nested DSv2 append ({@link SaveModeWrite}). Spark's SupportsCatalogOptions would route through a
 * catalog whose connection (the token) lives in Spark conf, which secrets must never reach.
 */
public final class MilvusImportProvider
    implements TableProvider,
        DataSourceRegister,
        SessionConfigSupport,
        CreatableRelationProvider,
        RelationProvider {

  /** The short name registered with Spark. */
  public static final String SHORT_NAME = "milvus-import";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public String keyPrefix() {
    return "milvus";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    // Only reads get here (writes bring the DataFrame's schema): the schema is that of the listing.
    return ListingKind.parse(options.get(OptionKeys.LIST)).schema();
  }

  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    // Before Spark puts the options into a plan (shown by explain and the SQL UI).
    properties.forEach(
        (key, value) -> {
          if (key.equalsIgnoreCase(OptionKeys.URI)) {
            MilvusConnection.refuseSecretsInUri(value);
          }
          if (key.equalsIgnoreCase("provider")
              || key.toLowerCase(java.util.Locale.ROOT).startsWith("option.")) {
            throw sessionCatalogRefused();
          }
        });
    SecretRedaction.cover(properties);
    return new MilvusImportTable(schema, properties, NestedWrites.ticket(properties) != null);
  }

  /**
   * Spark's session catalog (saveAsTable, CREATE TABLE ... USING) stores a table's options, the
   * token among them, in its metastore: refused before it stores anything.
   */
  static InvalidOptionException sessionCatalogRefused() {
    return new InvalidOptionException(
        "milvus-import tables cannot be kept in Spark's session catalog (saveAsTable, CREATE"
            + " TABLE ... USING milvus-import): it would store the connection options, the token"
            + " among them, in the metastore. Write with"
            + " df.write().format(\"milvus-import\").option(\"collection\", ...).save(), or"
            + " configure the Milvus catalog (spark.sql.catalog.milvus) and use its tables.");
  }

  /**
   * Spark 3.5 reads a session-catalog table of this source through here (its saveAsTable stores the
   * table before writing, then reads it back): refused with the reason, and Spark's CTAS drops the
   * entry it made.
   */
  @Override
  public BaseRelation createRelation(
      SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
    throw sessionCatalogRefused();
  }

  @Override
  public BaseRelation createRelation(
      SQLContext sqlContext,
      SaveMode mode,
      scala.collection.immutable.Map<String, String> parameters,
      Dataset<Row> data) {
    new SaveModeWrite(
            sqlContext.sparkSession(), keyPrefix(), mode, ScalaMaps.toJava(parameters), data)
        .run();
    return new SavedRelation(sqlContext, data.schema());
  }
}
