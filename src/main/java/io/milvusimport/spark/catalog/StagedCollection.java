package io.milvusimport.spark.catalog;

import io.milvusimport.MilvusImportException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.connector.catalog.StagedTable;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * The table of a CTAS, {@code writeTo(...).create()}, {@code REPLACE TABLE ... AS SELECT} or {@code
 * createOrReplace()} while Spark writes into it ({@link MilvusCatalog} is a StagingTableCatalog, so
 * Spark does not drop a table to replace it). A created collection exists from the stage on and is
 * dropped again when the statement fails; a replaced one is replaced by the write's own commit
 * (alias swap, or recreate), so committing here has nothing left to do.
 */
final class StagedCollection implements StagedTable, SupportsWrite {
  private final MilvusCollectionTable table;
  private final boolean replace;
  private final Runnable onAbort;
  private final AtomicBoolean written = new AtomicBoolean();

  private StagedCollection(MilvusCollectionTable table, boolean replace, Runnable onAbort) {
    this.table = table;
    this.replace = replace;
    this.onAbort = onAbort;
  }

  /** A collection this statement created: an abort drops it ({@code onAbort}). */
  static StagedCollection created(MilvusCollectionTable table, Runnable onAbort) {
    return new StagedCollection(table, false, onAbort);
  }

  /** An existing collection whose rows the statement's write replaces. */
  static StagedCollection replaced(MilvusCollectionTable table) {
    return new StagedCollection(table, true, () -> {});
  }

  @Override
  public String name() {
    return table.name();
  }

  @Override
  public StructType schema() {
    return table.schema();
  }

  @Override
  public Map<String, String> properties() {
    return table.properties();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return table.capabilities();
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    written.set(true);
    return replace ? table.replacingWriteBuilder(info) : table.creatingWriteBuilder(info);
  }

  @Override
  public void commitStagedChanges() {
    if (replace && !written.get()) {
      // REPLACE TABLE without AS SELECT: no rows, and the schema comes from Milvus.
      throw new MilvusImportException(
          "REPLACE TABLE "
              + table.name()
              + " without AS SELECT is not supported: nothing was changed in Milvus. Replace the"
              + " rows with REPLACE TABLE ... AS SELECT, INSERT OVERWRITE or"
              + " writeTo(...).createOrReplace().");
    }
  }

  @Override
  public void abortStagedChanges() {
    onAbort.run();
  }
}
