package io.milvusimport.spark.catalog;

import io.milvusimport.MilvusImportException;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * The scan of a catalog table, which is write-only: planning it succeeds (Spark 4's {@code DESCRIBE
 * TABLE EXTENDED} builds a scan to look for statistics), running it fails with a message naming the
 * table instead of Spark's generic "does not support reads".
 */
final class WriteOnlyScan implements ScanBuilder, Scan {
  private final String table;
  private final StructType schema;

  WriteOnlyScan(String table, StructType schema) {
    this.table = table;
    this.schema = schema;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return schema;
  }

  @Override
  public String description() {
    return "write-only Milvus collection " + table;
  }

  @Override
  public Batch toBatch() {
    throw new MilvusImportException(
        "Table "
            + table
            + " is write-only: milvus-import loads rows into Milvus and never reads a collection's"
            + " rows. Query the collection with a Milvus client (search/query), or read Milvus"
            + " metadata with spark.read.format(\"milvus-import\").option(\"list\", ...).");
  }
}
