package org.apache.spark.sql.connector.catalog;

import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;

/** Compile-time declaration of Spark 4's interface (see src/spark4-stubs/README.md). */
public interface ProcedureCatalog extends CatalogPlugin {
  UnboundProcedure loadProcedure(Identifier ident);

  Identifier[] listProcedures(String[] namespace);
}
