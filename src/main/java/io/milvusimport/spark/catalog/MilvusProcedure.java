package io.milvusimport.spark.catalog;

import io.milvusimport.manage.SnapshotManager;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.procedures.BoundProcedure;
import org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * One snapshot procedure bound to a catalog's connection. Its parameters do not depend on the
 * arguments' types, so binding returns itself. It calls Milvus when Spark runs the CALL, never
 * while loading or binding it.
 */
final class MilvusProcedure implements UnboundProcedure, BoundProcedure {
  private final SnapshotProcedure procedure;
  private final CatalogSettings settings;

  MilvusProcedure(SnapshotProcedure procedure, CatalogSettings settings) {
    this.procedure = procedure;
    this.settings = settings;
  }

  @Override
  public String name() {
    return procedure.procedureName();
  }

  @Override
  public String description() {
    return procedure.description();
  }

  @Override
  public BoundProcedure bind(StructType inputType) {
    return this;
  }

  @Override
  public ProcedureParameter[] parameters() {
    List<ProcedureParam> params = procedure.params();
    ProcedureParameter[] out = new ProcedureParameter[params.size()];
    for (int i = 0; i < out.length; i++) {
      ProcedureParam p = params.get(i);
      ProcedureParameter.Builder b = ProcedureParameter.in(p.name, p.type).comment(p.comment);
      if (!p.required()) {
        b = b.defaultValue(p.defaultSql);
      }
      out[i] = b.build();
    }
    return out;
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }

  @Override
  public Iterator<Scan> call(InternalRow input) {
    String qualified = settings.catalog() + "." + MilvusProcedureCatalog.NAMESPACE + "." + name();
    ProcedureArgs args = new ProcedureArgs(qualified, procedure.params(), input);
    SnapshotManager manager =
        SnapshotManager.create(settings.connection())
            .withDatabase(args.text("database", settings.defaultDatabase()));
    Scan result = new ProcedureResult(procedure.output(), procedure.run(args, manager));
    return List.of(result).iterator();
  }
}
