package io.milvusimport.spark.catalog;

import static io.milvusimport.spark.catalog.ProcedureParam.optional;
import static io.milvusimport.spark.catalog.ProcedureParam.required;

import io.milvusimport.SnapshotException;
import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.Rollback;
import io.milvusimport.manage.RollbackOptions;
import io.milvusimport.manage.SnapshotManager;
import io.milvusimport.spark.ManagementRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The snapshot operations as procedures of namespace {@code system}: each is a thin call of {@link
 * SnapshotManager}, like the command line's {@code snapshot} subcommands, and answers with the
 * columns of the DataFrame listings. Every procedure takes an optional {@code database} (default:
 * the catalog's {@code database} setting).
 */
enum SnapshotProcedure {
  CREATE_SNAPSHOT(
      "create_snapshot",
      "Flushes the collection, then snapshots it; returns the snapshot as Milvus describes it.",
      List.of(
          required("collection", DataTypes.StringType, "the collection to snapshot"),
          required("snapshot", DataTypes.StringType, "the snapshot's name"),
          optional("description", DataTypes.StringType, "''", "kept with the snapshot"),
          optional(
              "compaction_protection",
              DataTypes.StringType,
              "'0s'",
              "how long its segments are kept from compaction, 0s to 168h"),
          optional("flush", DataTypes.BooleanType, "true", "flush first (default true)")),
      ManagementRows.SNAPSHOT) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      Duration protection = a.duration("compaction_protection", Duration.ZERO, Duration.ZERO);
      return List.of(
          ManagementRows.snapshot(
              m.createSnapshot(
                  a.requiredText("collection"),
                  a.requiredText("snapshot"),
                  a.text("description", ""),
                  protection,
                  a.bool("flush"))));
    }
  },
  LIST_SNAPSHOTS(
      "list_snapshots",
      "The collection's snapshots, described.",
      List.of(required("collection", DataTypes.StringType, "the snapshots' collection")),
      ManagementRows.SNAPSHOT) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      return m.describeSnapshots(a.requiredText("collection")).stream()
          .map(ManagementRows::snapshot)
          .collect(Collectors.toList());
    }
  },
  DESCRIBE_SNAPSHOT(
      "describe_snapshot",
      "One snapshot, described.",
      List.of(
          required("collection", DataTypes.StringType, "the snapshot's collection"),
          required("snapshot", DataTypes.StringType, "the snapshot's name")),
      ManagementRows.SNAPSHOT) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      return List.of(
          ManagementRows.snapshot(
              m.describeSnapshot(a.requiredText("collection"), a.requiredText("snapshot"))));
    }
  },
  DROP_SNAPSHOT(
      "drop_snapshot",
      "Drops a snapshot; 'dropped' is false when there was none.",
      List.of(
          required("collection", DataTypes.StringType, "the snapshot's collection"),
          required("snapshot", DataTypes.StringType, "the snapshot's name")),
      new StructType()
          .add("database", DataTypes.StringType, false)
          .add("collection", DataTypes.StringType, false)
          .add("snapshot", DataTypes.StringType, false)
          .add("dropped", DataTypes.BooleanType, false)) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      String collection = a.requiredText("collection");
      String snapshot = a.requiredText("snapshot");
      boolean dropped = m.dropSnapshot(collection, snapshot);
      return List.of(
          ManagementRows.row(
              ManagementRows.text(m.database()),
              ManagementRows.text(collection),
              ManagementRows.text(snapshot),
              dropped));
    }
  },
  RESTORE_SNAPSHOT(
      "restore_snapshot",
      "Restores a snapshot into a new collection; with wait => true, waits until the job ends"
          + " and fails when it fails.",
      List.of(
          required("collection", DataTypes.StringType, "the snapshot's collection"),
          required("snapshot", DataTypes.StringType, "the snapshot's name"),
          required("target", DataTypes.StringType, "the new collection"),
          optional(
              "target_database",
              DataTypes.StringType,
              "NULL",
              "the new collection's database (default: database)"),
          optional("wait", DataTypes.BooleanType, "false", "wait until the job ends"),
          optional("timeout", DataTypes.StringType, "'1h'", "how long wait waits")),
      ManagementRows.RESTORE_JOB) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      Duration timeout = a.duration("timeout", Duration.ofHours(1), Duration.ofSeconds(1));
      RestoreJob job =
          m.restoreSnapshot(
              m.database(),
              a.requiredText("collection"),
              a.requiredText("snapshot"),
              a.text("target_database", m.database()),
              a.requiredText("target"));
      if (!a.bool("wait")) {
        return List.of(ManagementRows.restoreJob(job));
      }
      RestoreJob done = m.waitForRestore(job.jobId(), timeout);
      if (!done.completed()) {
        throw new SnapshotException(
            "Restore job "
                + done.jobId()
                + " of snapshot '"
                + done.snapshot()
                + "' into "
                + done.targetDatabase()
                + "."
                + done.targetCollection()
                + " ended "
                + done.state()
                + ": "
                + done.reason(),
            done.snapshot(),
            done.targetCollection(),
            done.targetDatabase(),
            null);
      }
      return List.of(ManagementRows.restoreJob(done));
    }
  },
  DESCRIBE_RESTORE_JOB(
      "describe_restore_job",
      "One restore job's state now.",
      List.of(required("job_id", DataTypes.StringType, "the restore job's id")),
      ManagementRows.RESTORE_JOB) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      return List.of(ManagementRows.restoreJob(m.restoreJob(a.requiredText("job_id"))));
    }
  },
  LIST_RESTORE_JOBS(
      "list_restore_jobs",
      "The restore jobs Milvus remembers (finished ones for 3 hours) into the database.",
      List.of(
          optional(
              "target_collection", DataTypes.StringType, "NULL", "only jobs into this collection")),
      ManagementRows.RESTORE_JOB) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      return m.restoreJobs(m.database(), a.text("target_collection", null)).stream()
          .map(ManagementRows::restoreJob)
          .collect(Collectors.toList());
    }
  },
  ROLLBACK(
      "rollback",
      "Restores a snapshot into a new collection, waits, and points the alias at it.",
      List.of(
          required(
              "collection",
              DataTypes.StringType,
              "the alias readers use (switched), or a collection name (only restored)"),
          required("snapshot", DataTypes.StringType, "the snapshot's name"),
          optional(
              "target",
              DataTypes.StringType,
              "NULL",
              "the new collection (<collection>_<snapshot>)"),
          optional("timeout", DataTypes.StringType, "'1h'", "how long to wait for the restore"),
          optional(
              "drop_old", DataTypes.BooleanType, "false", "drop the collection rolled back from")),
      new StructType()
          .add("alias", DataTypes.StringType, true)
          .add("previousCollection", DataTypes.StringType, false)
          .add("restoredCollection", DataTypes.StringType, false)
          .add("jobId", DataTypes.StringType, false)
          .add("previousDropped", DataTypes.BooleanType, false)) {
    @Override
    List<InternalRow> run(ProcedureArgs a, SnapshotManager m) {
      RollbackOptions options =
          RollbackOptions.defaults()
              .targetCollection(a.text("target", null))
              .timeout(a.duration("timeout", Duration.ofHours(1), Duration.ofSeconds(1)))
              .dropOld(a.bool("drop_old"));
      Rollback done = m.rollback(a.requiredText("collection"), a.requiredText("snapshot"), options);
      return List.of(
          ManagementRows.row(
              done.alias() == null ? null : ManagementRows.text(done.alias()),
              ManagementRows.text(done.previousCollection()),
              ManagementRows.text(done.restoredCollection()),
              ManagementRows.text(done.job().jobId()),
              done.previousDropped()));
    }
  };

  private final String procedureName;
  private final String description;
  private final List<ProcedureParam> params;
  private final StructType output;

  SnapshotProcedure(
      String procedureName, String description, List<ProcedureParam> own, StructType output) {
    this.procedureName = procedureName;
    this.description = description;
    List<ProcedureParam> all = new ArrayList<>(own);
    // every procedure ends with the database it works in
    all.add(
        optional(
            "database", DataTypes.StringType, "NULL", "the database (default: the catalog's)"));
    this.params = List.copyOf(all);
    this.output = output;
  }

  /** Runs the call against {@code manager} (already in the call's database). */
  abstract List<InternalRow> run(ProcedureArgs args, SnapshotManager manager);

  String procedureName() {
    return procedureName;
  }

  String description() {
    return description;
  }

  List<ProcedureParam> params() {
    return params;
  }

  StructType output() {
    return output;
  }

  /** The procedure called {@code name} (any case), or null. */
  static SnapshotProcedure find(String name) {
    for (SnapshotProcedure p : values()) {
      if (p.procedureName.equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }

  static String names() {
    List<String> names = new ArrayList<>();
    for (SnapshotProcedure p : values()) {
      names.add(p.procedureName);
    }
    return String.join(", ", names);
  }
}
