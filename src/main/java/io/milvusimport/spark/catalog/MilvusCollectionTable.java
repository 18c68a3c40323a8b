package io.milvusimport.spark.catalog;

import io.milvusimport.milvus.MilvusNamespaces;
import io.milvusimport.spark.CatalogWrites;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Milvus collection as a catalog table: its columns are the Spark types each field takes, and a
 * write into it is the {@code df.write} one. Reads are refused by name: the connector never reads
 * collection rows. Its properties describe the collection and never hold a setting of the catalog.
 */
final class MilvusCollectionTable implements SupportsWrite, SupportsRead {
  private final CatalogSettings settings;
  private final CatalogTableCreator creator;
  private final String database;
  private final String collection;
  private final StructType schema;
  private final Map<String, String> properties;

  MilvusCollectionTable(
      CatalogSettings settings,
      CatalogTableCreator creator,
      String database,
      MilvusNamespaces.Description description) {
    this.settings = settings;
    this.creator = creator;
    this.database = database;
    this.collection = description.requestedName();
    this.schema = SparkColumns.of(description.schema());
    Map<String, String> props = new LinkedHashMap<>();
    props.put("milvus.database", database);
    props.put("milvus.collection", description.collectionName());
    if (description.isAlias()) {
      props.put("milvus.alias", description.requestedName());
    }
    if (!description.aliases().isEmpty()) {
      props.put("milvus.aliases", String.join(",", description.aliases()));
    }
    props.put("milvus.dynamicField", Boolean.toString(description.schema().dynamicField()));
    this.properties = Map.copyOf(props);
  }

  @Override
  public String name() {
    return settings.catalog() + "." + database + "." + collection;
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public Set<TableCapability> capabilities() {
    // BATCH_READ only so that a SELECT reaches WriteOnlyScan and gets a refusal naming the table;
    // TRUNCATE so that INSERT OVERWRITE reaches the creator.
    return EnumSet.of(
        TableCapability.BATCH_WRITE, TableCapability.TRUNCATE, TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new WriteOnlyScan(name(), schema);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new Builder(info);
  }

  /** The write of {@code df.write}; truncation is the creator's overwrite. */
  private final class Builder implements WriteBuilder, SupportsTruncate {
    private final LogicalWriteInfo info;

    Builder(LogicalWriteInfo info) {
      this.info = info;
    }

    @Override
    public WriteBuilder truncate() {
      creator.overwrite(database, collection);
      return this;
    }

    @Override
    public Write build() {
      Map<String, String> options =
          settings.writeOptions(database, collection, info.options().asCaseSensitiveMap());
      return CatalogWrites.write(options, info.schema(), info.queryId());
    }
  }
}
