package io.milvusimport.spark.catalog;

import io.milvusimport.milvus.MilvusNamespaces;
import io.milvusimport.spark.CatalogWrites;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsDynamicOverwrite;
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
  private final String database;
  private final String collection;
  private final StructType schema;
  private final Map<String, String> properties;
  private final String aliased;
  private final List<String> aliases;

  MilvusCollectionTable(
      CatalogSettings settings, String database, MilvusNamespaces.Description description) {
    this.settings = settings;
    this.database = database;
    this.collection = description.requestedName();
    this.aliased = description.isAlias() ? description.collectionName() : null;
    this.aliases = List.copyOf(description.aliases());
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
    // TRUNCATE and OVERWRITE_DYNAMIC: INSERT OVERWRITE, overwrite(lit(true)), overwritePartitions()
    // of this unpartitioned table replace every row (docs/catalog.md).
    return EnumSet.of(
        TableCapability.BATCH_WRITE,
        TableCapability.TRUNCATE,
        TableCapability.OVERWRITE_DYNAMIC,
        TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new WriteOnlyScan(name(), schema);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new Builder(info, Kind.APPEND);
  }

  /** A write that replaces every row, whatever Spark asks: REPLACE TABLE / createOrReplace(). */
  WriteBuilder replacingWriteBuilder(LogicalWriteInfo info) {
    return new Builder(info, Kind.OVERWRITE);
  }

  /** The write of a CTAS into the collection it created: a failed import drops it. */
  WriteBuilder creatingWriteBuilder(LogicalWriteInfo info) {
    return new Builder(info, Kind.INTO_CREATED);
  }

  private enum Kind {
    APPEND,
    OVERWRITE,
    INTO_CREATED
  }

  /**
   * The write of {@code df.write}. Truncation (INSERT OVERWRITE, overwrite(lit(true))) and dynamic
   * overwrite (overwritePartitions(): the table has no partitions) are only recorded here; the
   * write does the overwrite in its commit, with the strategies of mode("overwrite").
   */
  private final class Builder implements WriteBuilder, SupportsTruncate, SupportsDynamicOverwrite {
    private final LogicalWriteInfo info;
    private Kind kind;

    Builder(LogicalWriteInfo info, Kind kind) {
      this.info = info;
      this.kind = kind;
    }

    @Override
    public WriteBuilder truncate() {
      kind = Kind.OVERWRITE;
      return this;
    }

    @Override
    public WriteBuilder overwriteDynamicPartitions() {
      kind = Kind.OVERWRITE;
      return this;
    }

    @Override
    public Write build() {
      Map<String, String> options =
          settings.writeOptions(database, collection, info.options().asCaseSensitiveMap());
      switch (kind) {
        case OVERWRITE:
          return CatalogWrites.overwrite(options, info.schema(), info.queryId(), aliased, aliases);
        case INTO_CREATED:
          return CatalogWrites.writeIntoCreated(options, info.schema(), info.queryId());
        default:
          return CatalogWrites.write(options, info.schema(), info.queryId());
      }
    }
  }
}
