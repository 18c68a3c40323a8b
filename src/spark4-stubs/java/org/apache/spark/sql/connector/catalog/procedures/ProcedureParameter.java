package org.apache.spark.sql.connector.catalog.procedures;

import org.apache.spark.sql.types.DataType;

/**
 * Compile-time declaration of the parts of Spark 4's interface the connector calls (see
 * src/spark4-stubs/README.md).
 */
public interface ProcedureParameter {
  static Builder in(String name, DataType dataType) {
    throw new UnsupportedOperationException("Spark 4.0 or later is required");
  }

  String name();

  DataType dataType();

  /** Compile-time declaration of Spark 4's builder. */
  class Builder {
    public Builder defaultValue(String defaultValue) {
      throw new UnsupportedOperationException("Spark 4.0 or later is required");
    }

    public Builder comment(String comment) {
      throw new UnsupportedOperationException("Spark 4.0 or later is required");
    }

    public ProcedureParameter build() {
      throw new UnsupportedOperationException("Spark 4.0 or later is required");
    }
  }
}
