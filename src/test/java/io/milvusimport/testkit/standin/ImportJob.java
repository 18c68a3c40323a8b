package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One import job of the stand-in and its per-file details; guarded by its own monitor. */
final class ImportJob {
  enum State {
    Pending,
    Importing,
    Uncommitted,
    Committing,
    Completed,
    Failed
  }

  /** One import file: one inner list of the request's {@code files}. */
  static final class FileDetail {
    final String fileName;
    long fileSize;
    String state = "Pending";
    int progress;
    long importedRows;
    long totalRows;
    String reason = "";

    FileDetail(String fileName) {
      this.fileName = fileName;
    }
  }

  final String jobId;
  final CollectionSpec collection;
  final String partition;
  final List<List<String>> files;
  final Map<String, String> options;
  final String injectedFailure;

  /** Injected: the job fails in pre-import, before it reads any file (no import tasks). */
  final String preImportFailure;

  /** Milvus made the job's import tasks (pre-import passed): per-file details exist. */
  boolean importTasks;

  /** Created with {@code options.auto_commit = "false"} on a 3.0 stand-in. */
  final boolean twoPhase;

  final String createTime = now();
  final List<FileDetail> details = new ArrayList<>();
  final List<Map<String, Object>> pendingRows = new ArrayList<>();
  State state = State.Pending;
  int progress;
  long importedRows;
  long totalRows;
  long fileSize;
  String reason = "";
  String completeTime = "";

  ImportJob(
      String jobId,
      CollectionSpec collection,
      String partition,
      List<List<String>> files,
      Map<String, String> options,
      String injectedFailure,
      String preImportFailure,
      boolean twoPhase) {
    this.jobId = jobId;
    this.collection = collection;
    this.partition = partition;
    this.files = files;
    this.options = options;
    this.injectedFailure = injectedFailure;
    this.preImportFailure = preImportFailure;
    this.twoPhase = twoPhase;
    for (List<String> f : files) {
      // Milvus's GetTaskProgresses names a file fmt.Sprintf("%v", paths): "[a.npy b.npy]".
      details.add(new FileDetail("[" + String.join(" ", f) + "]"));
    }
  }

  static String now() {
    return OffsetDateTime.now()
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  synchronized boolean finished() {
    return state == State.Completed || state == State.Failed;
  }

  /** {@code data} of describe / get_progress (contract §3). */
  synchronized ObjectNode describe() {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("jobId", jobId);
    d.put("collectionName", collection.name);
    d.put("state", state.name());
    d.put("progress", progress);
    d.put("importedRows", importedRows);
    d.put("totalRows", totalRows);
    d.put("fileSize", fileSize);
    if (!reason.isEmpty()) {
      d.put("reason", reason);
    }
    d.put("createTime", createTime);
    d.put("completeTime", completeTime);
    ArrayNode arr = d.putArray("details");
    // Milvus reports per-file details from its import tasks, which exist only once pre-import
    // passed: a Pending job, or one that failed in pre-import, answers an empty list.
    for (FileDetail f : importTasks ? details : List.<FileDetail>of()) {
      ObjectNode o = arr.addObject();
      o.put("fileName", f.fileName);
      o.put("fileSize", f.fileSize);
      o.put("state", f.state);
      o.put("progress", f.progress);
      o.put("importedRows", f.importedRows);
      o.put("totalRows", f.totalRows);
      if (!f.reason.isEmpty()) {
        o.put("reason", f.reason);
      }
    }
    return d;
  }

  /** One record of {@code /jobs/import/list}. */
  synchronized ObjectNode record() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("jobId", jobId);
    o.put("collectionName", collection.name);
    o.put("state", state.name());
    o.put("progress", progress);
    if (!reason.isEmpty()) {
      o.put("reason", reason);
    }
    return o;
  }
}
