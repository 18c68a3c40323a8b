package io.milvusimport.spark;

import io.milvusimport.MilvusImportException;
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
 * Entry point of {@code df.write().format("milvus-import")}. Write-only: the table takes the
 * DataFrame's own schema, and the collection's schema is checked when the write is planned. Options
 * may also come from session settings {@code spark.datasource.milvus.<option>}, which suits
 * notebooks where the endpoint and token are set once.
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
    throw new MilvusImportException(
        "milvus-import only writes: use df.write().format(\"milvus-import\")...mode(\"append\")"
            + ".save(); it cannot be read with spark.read().");
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
    return new MilvusImportTable(schema, properties);
  }
}
