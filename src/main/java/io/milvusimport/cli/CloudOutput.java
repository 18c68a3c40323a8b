package io.milvusimport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.cloud.CloudImportJobs;
import io.milvusimport.cloud.Volume;
import io.milvusimport.milvus.ImportJobStatus;
import java.util.List;

/**
 * What the {@code volume} and {@code import} commands print: tables for people, or with {@code
 * --json} one JSON document, through the same {@link Output} as the snapshot commands.
 */
final class CloudOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Output output;
  final boolean json;

  CloudOutput(Output output) {
    this.output = output;
    this.json = output.json;
  }

  /** One JSON document on stdout. */
  void print(Object node) {
    output.print(node);
  }

  void note(String line) {
    output.note(line);
  }

  void volume(Volume v) {
    if (json) {
      output.print(toJson(v));
      return;
    }
    new Table("FIELD", "VALUE")
        .row("name", v.name())
        .row("type", v.type())
        .row("region", v.regionId())
        .row("status", v.status())
        .row("created", v.createTime())
        .row("storageIntegration", v.storageIntegrationId())
        .row("path", v.path())
        .print(output.out);
  }

  void volumes(List<Volume> list) {
    if (json) {
      ArrayNode array = JSON.createArrayNode();
      list.forEach(v -> array.add(toJson(v)));
      output.print(array);
    } else if (list.isEmpty()) {
      output.out.println("No volumes.");
    } else {
      Table table = new Table("NAME", "TYPE", "REGION", "STATUS", "CREATED");
      list.forEach(v -> table.row(v.name(), v.type(), v.regionId(), v.status(), v.createTime()));
      table.print(output.out);
    }
  }

  void deleted(String volume) {
    if (json) {
      output.print(JSON.createObjectNode().put("volume", volume).put("deleted", true));
    } else {
      output.out.println("Deleted volume '" + volume + "' and its files.");
    }
  }

  void job(ImportJobStatus j) {
    if (json) {
      output.print(toJson(j));
      return;
    }
    Table table =
        new Table("FIELD", "VALUE")
            .row("jobId", j.jobId())
            .row("state", j.state())
            .row("progress", j.progress() + "%")
            .row("importedRows", j.importedRows())
            .row("totalRows", j.totalRows())
            .row("reason", j.failed() ? j.failureDescription() : j.reason());
    for (ImportJobStatus.FileStatus file : j.files()) {
      table.row(
          "file",
          file.fileName()
              + " "
              + file.state()
              + (file.reason().isEmpty() ? "" : ": " + file.reason()));
    }
    table.print(output.out);
  }

  void jobs(List<CloudImportJobs.Listed> list) {
    if (json) {
      ArrayNode array = JSON.createArrayNode();
      list.forEach(l -> array.add(toJson(l.status()).put("collectionName", l.collection())));
      output.print(array);
    } else if (list.isEmpty()) {
      output.out.println("No import jobs.");
    } else {
      Table table = new Table("JOB ID", "COLLECTION", "STATE", "PROGRESS", "REASON");
      list.forEach(
          l ->
              table.row(
                  l.status().jobId(),
                  l.collection(),
                  l.status().state(),
                  l.status().progress() + "%",
                  l.status().reason()));
      table.print(output.out);
    }
  }

  private static ObjectNode toJson(Volume v) {
    return JSON.createObjectNode()
        .put("volumeName", v.name())
        .put("type", v.type())
        .put("regionId", v.regionId())
        .put("status", v.status())
        .put("createTime", v.createTime())
        .put("storageIntegrationId", v.storageIntegrationId())
        .put("path", v.path());
  }

  private static ObjectNode toJson(ImportJobStatus j) {
    ObjectNode node =
        JSON.createObjectNode()
            .put("jobId", j.jobId())
            .put("state", j.state())
            .put("progress", j.progress())
            .put("importedRows", j.importedRows())
            .put("totalRows", j.totalRows())
            .put("reason", j.failed() ? j.failureDescription() : j.reason());
    ArrayNode files = node.putArray("details");
    for (ImportJobStatus.FileStatus f : j.files()) {
      files
          .addObject()
          .put("fileName", f.fileName())
          .put("state", f.state())
          .put("reason", f.reason());
    }
    return node;
  }
}
