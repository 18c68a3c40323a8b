package io.milvusimport.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** The one partition of a listing: the rows the driver fetched, shipped as they are. */
final class ListingPartition implements InputPartition {
  private static final long serialVersionUID = 1L;

  private final ArrayList<InternalRow> rows;

  ListingPartition(List<InternalRow> rows) {
    this.rows = new ArrayList<>(rows);
  }

  /** Reads a partition's rows back; no remote calls, so executors need no credential. */
  static final class Readers implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      Iterator<InternalRow> it = ((ListingPartition) partition).rows.iterator();
      return new PartitionReader<>() {
        private InternalRow current;

        @Override
        public boolean next() {
          current = it.hasNext() ? it.next() : null;
          return current != null;
        }

        @Override
        public InternalRow get() {
          return current;
        }

        @Override
        public void close() {
          // nothing open
        }
      };
    }
  }
}
