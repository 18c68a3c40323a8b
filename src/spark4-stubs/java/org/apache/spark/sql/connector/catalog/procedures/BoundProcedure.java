package org.apache.spark.sql.connector.catalog.procedures;

import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.Scan;

/** Compile-time declaration of Spark 4's interface (see src/spark4-stubs/README.md). */
public interface BoundProcedure extends Procedure {
  ProcedureParameter[] parameters();

  boolean isDeterministic();

  Iterator<Scan> call(InternalRow input);
}
