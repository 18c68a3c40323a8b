package io.milvusimport.spark;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * The scan of a listing. Building it is pure; Milvus is asked once, on the driver, when Spark plans
 * the scan's partitions: a listing is a few rows of metadata from one REST call per snapshot, so
 * fetching them where the credential already is, and shipping the finished rows to one task, beats
 * spreading calls over executors (which would need the token) for no gain in speed.
 */
final class ListingScan implements ScanBuilder, Scan, Batch {
  private final ListingOptions options;
  private InputPartition[] partitions;

  ListingScan(ListingOptions options) {
    this.options = options;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return options.kind().schema();
  }

  @Override
  public String description() {
    return options.describe();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public synchronized InputPartition[] planInputPartitions() {
    if (partitions == null) {
      List<InternalRow> rows = options.kind().fetch(options);
      partitions = new InputPartition[] {new ListingPartition(rows)};
    }
    return partitions.clone();
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ListingPartition.Readers();
  }
}
