package io.milvusimport.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.Rollback;
import io.milvusimport.manage.Snapshot;
import java.io.PrintStream;
import java.util.List;

/**
 * What a command prints on stdout: a table or key/value lines for people, or with {@code --json}
 * exactly one JSON document (object or array) that scripts can parse.
 */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper();

  final PrintStream out;
  final boolean json;

  Output(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void snapshot(Snapshot s) {
    if (json) {
      print(toJson(s));
      return;
    }
    new Table("FIELD", "VALUE")
        .row("name", s.name())
        .row("database", s.database())
        .row("collection", s.collection())
        .row("created", s.createdAt())
        .row("createTs", s.createTs())
        .row("partitions", String.join(",", s.partitions()))
        .row("description", s.description())
        .row("location", s.location())
        .print(out);
  }

  void snapshots(String database, String collection, List<Snapshot> list) {
    if (json) {
      ArrayNode array = JSON.createArrayNode();
      list.forEach(s -> array.add(toJson(s)));
      print(array);
    } else if (list.isEmpty()) {
      out.println("No snapshots of " + database + "." + collection + ".");
    } else {
      Table table = new Table("NAME", "CREATED", "PARTITIONS", "DESCRIPTION");
      list.forEach(
          s ->
              table.row(
                  s.name(), s.createdAt(), String.join(",", s.partitions()), s.description()));
      table.print(out);
    }
  }

  void job(RestoreJob j) {
    if (json) {
      print(toJson(j));
      return;
    }
    new Table("FIELD", "VALUE")
        .row("jobId", j.jobId())
        .row("snapshot", j.snapshot())
        .row("target", j.targetDatabase() + "." + j.targetCollection())
        .row("state", j.state())
        .row("progress", j.progress() + "%")
        .row("started", j.startedAt())
        .row("timeCost", j.timeCostMillis() + " ms")
        .row("reason", j.reason())
        .print(out);
  }

  void jobs(String database, List<RestoreJob> list) {
    if (json) {
      ArrayNode array = JSON.createArrayNode();
      list.forEach(j -> array.add(toJson(j)));
      print(array);
    } else if (list.isEmpty()) {
      out.println("No restore jobs into database " + database + " (Milvus keeps them 3 hours).");
    } else {
      Table table =
          new Table(
              "JOB ID", "SNAPSHOT", "TARGET", "STATE", "PROGRESS", "STARTED", "TIME", "REASON");
      list.forEach(
          j ->
              table.row(
                  j.jobId(),
                  j.snapshot(),
                  j.targetDatabase() + "." + j.targetCollection(),
                  j.state(),
                  j.progress() + "%",
                  j.startedAt(),
                  j.timeCostMillis() + " ms",
                  j.reason()));
      table.print(out);
    }
  }

  void dropped(String database, String collection, String snapshot, boolean dropped) {
    if (json) {
      print(
          JSON.createObjectNode()
              .put("database", database)
              .put("collection", collection)
              .put("snapshot", snapshot)
              .put("dropped", dropped));
    } else {
      out.println(
          dropped
              ? "Dropped snapshot '" + snapshot + "' of " + database + "." + collection + "."
              : "No snapshot '"
                  + snapshot
                  + "' of "
                  + database
                  + "."
                  + collection
                  + ": nothing dropped.");
    }
  }

  void rolledBack(String database, Rollback r) {
    if (json) {
      ObjectNode node =
          JSON.createObjectNode()
              .put("database", database)
              .put("alias", r.alias())
              .put("previousCollection", r.previousCollection())
              .put("restoredCollection", r.restoredCollection())
              .put("previousDropped", r.previousDropped());
      node.set("job", toJson(r.job()));
      print(node);
      return;
    }
    out.println(
        r.alias() == null
            ? "Restored "
                + database
                + "."
                + r.restoredCollection()
                + " from the snapshot; point your readers at it ("
                + r.previousCollection()
                + (r.previousDropped() ? " was dropped)." : " is kept).")
            : "Alias "
                + r.alias()
                + " now serves "
                + database
                + "."
                + r.restoredCollection()
                + " (was "
                + r.previousCollection()
                + (r.previousDropped() ? ", dropped)." : ", kept)."));
  }

  /** A line for people; nothing in JSON mode, whose stdout holds the document alone. */
  void note(String line) {
    if (!json) {
      out.println(line);
    }
  }

  /** The error as JSON on stdout (JSON mode only; the text goes to stderr in every mode). */
  void error(String type, String message, int exitCode) {
    if (json) {
      print(
          JSON.createObjectNode()
              .put("error", type)
              .put("message", message)
              .put("exitCode", exitCode));
    }
  }

  static ObjectNode toJson(Snapshot s) {
    ObjectNode node =
        JSON.createObjectNode()
            .put("name", s.name())
            .put("database", s.database())
            .put("collection", s.collection())
            .put("createTs", s.createTs())
            .put("createdAt", s.createdAt().toString())
            .put("description", s.description())
            .put("location", s.location());
    ArrayNode partitions = node.putArray("partitions");
    s.partitions().forEach(partitions::add);
    return node;
  }

  static ObjectNode toJson(RestoreJob j) {
    return JSON.createObjectNode()
        .put("jobId", j.jobId())
        .put("snapshot", j.snapshot())
        .put("targetDatabase", j.targetDatabase())
        .put("targetCollection", j.targetCollection())
        .put("state", j.state())
        .put("progress", j.progress())
        .put("reason", j.reason())
        .put("startTimeMillis", j.startTimeMillis())
        .put("startedAt", j.startedAt().toString())
        .put("timeCostMillis", j.timeCostMillis());
  }

  void print(Object node) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render JSON output", e);
    }
  }
}
