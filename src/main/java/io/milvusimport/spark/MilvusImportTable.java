package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Milvus collection as a Spark write target, and, with option {@code list}, a listing of Milvus
 * metadata (snapshots, restore jobs) as a read. Creating it has no side effects. Only the append a
 * save mode runs declares BATCH_WRITE (see {@link NestedWrites}).
 */
final class MilvusImportTable implements SupportsWrite, SupportsRead {
  private final StructType schema;
  private final String name;
  private final boolean nestedWrite;

  MilvusImportTable(StructType schema, Map<String, String> properties, boolean nestedWrite) {
    this.schema = schema;
    this.nestedWrite = nestedWrite;
    String database = find(properties, OptionKeys.DATABASE, "default");
    String list = find(properties, OptionKeys.LIST, null);
    if (list == null) {
      this.name = "milvus-import:" + database + "." + find(properties, OptionKeys.COLLECTION, "?");
    } else if (list.equalsIgnoreCase(ListingKind.RESTORE_JOBS.value())) {
      this.name =
          "milvus-import:restoreJobs into "
              + find(properties, OptionKeys.TARGET_DATABASE, database)
              + "."
              + find(properties, OptionKeys.TARGET_COLLECTION, "*");
    } else {
      this.name =
          "milvus-import:"
              + list
              + " of "
              + database
              + "."
              + find(properties, OptionKeys.COLLECTION, "?");
    }
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
    // Without BATCH_WRITE, df.write().save() hands every save mode to the provider's
    // createRelation, which decides on the driver and runs the import as a nested append: only
    // that append's table (a live NestedWrites ticket) declares BATCH_WRITE.
    return nestedWrite
        ? EnumSet.of(TableCapability.BATCH_WRITE, TableCapability.BATCH_READ)
        : EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    ListingOptions listing = ListingOptions.parse(options.asCaseSensitiveMap());
    if (!schema.equals(listing.kind().schema())) {
      throw new InvalidOptionException(
          "A listing of "
              + listing.kind().value()
              + " has a fixed schema: read it without .schema(...); its columns are "
              + listing.kind().schema().simpleString());
    }
    return new ListingScan(listing);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new MilvusWriteBuilder(info);
  }
}
