package io.milvusimport.cli;

import io.milvusimport.RestoreTimeoutException;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.Rollback;
import io.milvusimport.manage.RollbackOptions;
import io.milvusimport.manage.Snapshot;
import io.milvusimport.manage.SnapshotManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code snapshot} subcommands, each a thin call of {@link SnapshotManager}. */
final class SnapshotCommands {
  private static final Flag COLLECTION =
      Flag.required("collection", "NAME", "the snapshot's collection");
  private static final Flag SNAPSHOT = Flag.required("snapshot", "NAME", "the snapshot's name");

  static final List<SnapshotCommand> ALL =
      List.of(
          new SnapshotCommand(
              "create",
              "flush the collection, then snapshot it",
              List.of(
                  COLLECTION,
                  SNAPSHOT,
                  Flag.optional("description", "TEXT", "a description kept with the snapshot"),
                  Flag.optional(
                      "compaction-protection",
                      "DURATION",
                      "keep the snapshot's segments from compaction, 0s to 168h (default 0s)"),
                  Flag.bool("no-flush", "skip the flush (only when you flushed yourself)")),
              SnapshotCommands::create),
          new SnapshotCommand(
              "list",
              "list the collection's snapshots, described",
              List.of(COLLECTION),
              (f, m, o, s) -> {
                o.snapshots(
                    m.database(), f.get("collection"), m.describeSnapshots(f.get("collection")));
                return Cli.OK;
              }),
          new SnapshotCommand(
              "describe",
              "describe one snapshot",
              List.of(COLLECTION, SNAPSHOT),
              (f, m, o, s) -> {
                o.snapshot(m.describeSnapshot(f.get("collection"), f.get("snapshot")));
                return Cli.OK;
              }),
          new SnapshotCommand(
              "drop",
              "drop a snapshot (exit 0 also when there was none: it says so)",
              List.of(COLLECTION, SNAPSHOT),
              (f, m, o, s) -> {
                boolean dropped = m.dropSnapshot(f.get("collection"), f.get("snapshot"));
                o.dropped(m.database(), f.get("collection"), f.get("snapshot"), dropped);
                return Cli.OK;
              }),
          new SnapshotCommand(
              "restore",
              "restore a snapshot into a new collection; --wait follows the job to its end",
              List.of(
                  COLLECTION,
                  SNAPSHOT,
                  Flag.required("target", "NAME", "the new collection to create"),
                  Flag.optional(
                      "target-database",
                      "NAME",
                      "the new collection's database (default: --database)"),
                  Flag.bool("wait", "wait until the job completes or fails, showing progress"),
                  Flag.optional("timeout", "DURATION", "how long --wait waits (default 1h)")),
              SnapshotCommands::restore),
          new SnapshotCommand(
              "rollback",
              "restore a snapshot into a new collection, wait, and point the alias at it",
              List.of(
                  Flag.required(
                      "collection",
                      "NAME",
                      "the alias readers use (switched to the restored collection), or a"
                          + " collection name (then only restored)"),
                  SNAPSHOT,
                  Flag.optional(
                      "target", "NAME", "the new collection (default <collection>_<snapshot>)"),
                  Flag.optional("timeout", "DURATION", "how long to wait for the restore (1h)"),
                  Flag.bool("drop-old", "drop the collection rolled back from (kept by default)")),
              SnapshotCommands::rollback),
          new SnapshotCommand(
              "jobs",
              "list the restore jobs Milvus remembers (finished ones for 3 hours)",
              List.of(
                  Flag.optional(
                      "target-database", "NAME", "the targets' database (default: --database)"),
                  Flag.optional("target-collection", "NAME", "only jobs into this collection")),
              (f, m, o, s) -> {
                String db = f.get("target-database", m.database());
                o.jobs(db, m.restoreJobs(db, f.get("target-collection")));
                return Cli.OK;
              }),
          new SnapshotCommand(
              "job",
              "show one restore job",
              List.of(Flag.required("job-id", "ID", "the restore job's id")),
              (f, m, o, s) -> {
                o.job(m.restoreJob(f.get("job-id")));
                return Cli.OK;
              }));

  private SnapshotCommands() {}

  static SnapshotCommand find(String name) {
    return ALL.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
  }

  private static int create(Flags f, SnapshotManager m, Output o, Cli.Streams s) {
    Duration protection = duration(f, "compaction-protection", Duration.ZERO, Duration.ZERO);
    Snapshot made =
        m.createSnapshot(
            f.get("collection"),
            f.get("snapshot"),
            f.get("description", ""),
            protection,
            !f.has("no-flush"));
    o.note(
        "Created snapshot '"
            + made.name()
            + "' of "
            + made.database()
            + "."
            + made.collection()
            + ".");
    o.snapshot(made);
    return Cli.OK;
  }

  private static int restore(Flags f, SnapshotManager m, Output o, Cli.Streams s) {
    Duration timeout = duration(f, "timeout", Duration.ofHours(1), Duration.ofSeconds(1));
    String targetDb = f.get("target-database", m.database());
    RestoreJob job =
        m.restoreSnapshot(
            m.database(), f.get("collection"), f.get("snapshot"), targetDb, f.get("target"));
    if (!f.has("wait")) {
      o.note(
          "Started restore job "
              + job.jobId()
              + ". Follow it with: snapshot job --job-id "
              + job.jobId());
      o.job(job);
      return Cli.OK;
    }
    Progress progress = new Progress(o.json ? s.err : s.out, s.terminal && !o.json);
    RestoreJob done;
    try {
      done = m.waitForRestore(job.jobId(), timeout, progress);
    } catch (RestoreTimeoutException e) {
      progress.close();
      throw new RestoreTimeoutException(
          e.getMessage() + " From the command line: snapshot job --job-id " + job.jobId() + ".",
          job.jobId(),
          job.snapshot(),
          job.targetCollection(),
          job.targetDatabase());
    }
    o.job(done);
    if (!done.completed()) {
      s.err.println(
          "error: restore job " + done.jobId() + " ended " + done.state() + ": " + done.reason());
      return Cli.FAILED;
    }
    return Cli.OK;
  }

  private static int rollback(Flags f, SnapshotManager m, Output o, Cli.Streams s) {
    RollbackOptions options =
        RollbackOptions.defaults()
            .targetCollection(f.get("target", null))
            .timeout(duration(f, "timeout", Duration.ofHours(1), Duration.ofSeconds(1)))
            .dropOld(f.has("drop-old"));
    Rollback done = m.rollback(f.get("collection"), f.get("snapshot"), options);
    o.rolledBack(m.database(), done);
    return Cli.OK;
  }

  private static Duration duration(Flags f, String flag, Duration defaultValue, Duration min) {
    if (!f.has(flag)) {
      return defaultValue;
    }
    return new OptionValues(Map.of(flag, f.get(flag))).duration(flag, defaultValue, min);
  }
}
