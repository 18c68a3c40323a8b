package io.milvusimport.spark;

import io.milvusimport.connect.MilvusConnection;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.SessionConfigSupport;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
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
 */
public final class MilvusImportProvider
    implements TableProvider, DataSourceRegister, SessionConfigSupport {

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
        });
    SecretRedaction.cover(properties);
    return new MilvusImportTable(schema, properties);
  }
}
