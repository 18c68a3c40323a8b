package io.milvusimport.spark.catalog;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.types.StructType;

/** A procedure's answer: rows computed on the driver, handed to Spark as a local scan. */
final class ProcedureResult implements LocalScan {
  private final StructType schema;
  private final InternalRow[] rows;

  ProcedureResult(StructType schema, List<InternalRow> rows) {
    this.schema = schema;
    this.rows = rows.toArray(new InternalRow[0]);
  }

  @Override
  public InternalRow[] rows() {
    return rows.clone();
  }

  @Override
  public StructType readSchema() {
    return schema;
  }

  @Override
  public String description() {
    return "milvus procedure result (" + rows.length + " rows)";
  }
}
