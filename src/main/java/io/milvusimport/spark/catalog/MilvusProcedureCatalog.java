package io.milvusimport.spark.catalog;

import io.milvusimport.InvalidOptionException;
import java.util.Arrays;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.ProcedureCatalog;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;

/**
 * The Milvus catalog plus the snapshot operations as stored procedures, for Spark 4.0 and later
 * ({@code spark.sql.catalog.milvus = io.milvusimport.spark.catalog.MilvusProcedureCatalog}), so a
 * SQL script can snapshot a collection after loading it: {@code CALL
 * milvus.system.create_snapshot(collection => 'docs', snapshot => 'nightly')}. Spark 3.5 has no
 * procedures and cannot load this class; there, {@link MilvusCatalog} is the same catalog without
 * them. The procedures call the same Spark-free layer as the command line.
 */
public final class MilvusProcedureCatalog extends MilvusCatalog implements ProcedureCatalog {
  /** The namespace the procedures live in: {@code CALL milvus.system.<name>(...)}. */
  static final String NAMESPACE = "system";

  @Override
  public UnboundProcedure loadProcedure(Identifier ident) {
    SnapshotProcedure procedure =
        isSystem(ident.namespace()) ? SnapshotProcedure.find(ident.name()) : null;
    if (procedure == null) {
      throw new InvalidOptionException(
          "Catalog "
              + name()
              + " has no procedure "
              + String.join(".", ident.namespace())
              + (ident.namespace().length == 0 ? "" : ".")
              + ident.name()
              + ": its procedures are "
              + name()
              + "."
              + NAMESPACE
              + ".{"
              + SnapshotProcedure.names()
              + "}");
    }
    return new MilvusProcedure(procedure, settings());
  }

  @Override
  public Identifier[] listProcedures(String[] namespace) {
    if (!isSystem(namespace)) {
      return new Identifier[0];
    }
    return Arrays.stream(SnapshotProcedure.values())
        .map(p -> Identifier.of(new String[] {NAMESPACE}, p.procedureName()))
        .toArray(Identifier[]::new);
  }

  private static boolean isSystem(String[] namespace) {
    return namespace.length == 1 && NAMESPACE.equalsIgnoreCase(namespace[0]);
  }
}
