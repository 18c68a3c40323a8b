package io.milvusimport.spark;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;

/** A Milvus collection as a Spark write target. Creating it has no side effects. */
final class MilvusImportTable implements SupportsWrite {
  private final StructType schema;
  private final String name;

  MilvusImportTable(StructType schema, Map<String, String> properties) {
    this.schema = schema;
    String database = find(properties, OptionKeys.DATABASE, "default");
    this.name = "milvus-import:" + database + "." + find(properties, OptionKeys.COLLECTION, "?");
  }

  private static String find(Map<String, String> properties, String key, String fallback) {
    return properties.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(key))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(fallback);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    // TRUNCATE only so that mode("overwrite") reaches our builder and gets a clear refusal.
    return EnumSet.of(TableCapability.BATCH_WRITE, TableCapability.TRUNCATE);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new MilvusWriteBuilder(info);
  }
}
