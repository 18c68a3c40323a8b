package org.apache.spark.sql.connector.catalog.procedures;

/** Compile-time declaration of Spark 4's interface (see src/spark4-stubs/README.md). */
public interface Procedure {
  String name();

  default String description() {
    return getClass().toString();
  }
}
