package org.apache.spark.sql.connector.catalog.procedures;

import org.apache.spark.sql.types.StructType;

/** Compile-time declaration of Spark 4's interface (see src/spark4-stubs/README.md). */
public interface UnboundProcedure extends Procedure {
  BoundProcedure bind(StructType inputType);
}
