package io.milvusimport.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.staging.StagedFile;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a write has done so far, kept next to its staged files: the staged files and row counts
 * ({@code _files.json}, written once: they never change), and the import jobs planned over them
 * with their idempotency keys, job ids, states and times, and the snapshot ({@code _manifest.json},
 * rewritten after every change). Written before the first job is created, so a driver that dies can
 * be followed by one that resumes the write without creating any job twice. Splitting the two keeps
 * each rewrite small: a write of 10,000 files saves a few kilobytes per step, not the file list.
 * Thread-safe.
 */
final class WriteManifest {
  static final String FILE_NAME = "_manifest.json";
  static final String FILES_NAME = "_files.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One planned import job: files {@code [firstFile, firstFile + fileCount)} of the write. */
  static final class Job {
    final int index;
    final int firstFile;
    final int fileCount;
    final long expectedRows;
    int attempt;
    String idempotencyKey;
    String jobId;
    String state = "NotCreated";
    long importedRows;
    String reason = "";
    String createdAt = "";
    String updatedAt = "";

    Job(int index, int firstFile, int fileCount, long expectedRows) {
      this.index = index;
      this.firstFile = firstFile;
      this.fileCount = fileCount;
      this.expectedRows = expectedRows;
    }
  }

  final String writeId;
  final String database;
  final String collection;
  final String partition;
  final List<StagedFile> files;
  final List<Job> jobs;
  private String status = "Staged";
  private boolean twoPhase;
  private String format = "";
  private String snapshotName = "";
  private String snapshotCreateTs = "";
  private String snapshotBeforeName = "";
  private String snapshotBeforeCreateTs = "";
  private String updatedAt = Instant.now().toString();
  private long changes;

  WriteManifest(
      String writeId,
      String database,
      String collection,
      String partition,
      List<StagedFile> files,
      List<Job> jobs) {
    this.writeId = writeId;
    this.database = database;
    this.collection = collection;
    this.partition = partition;
    this.files = List.copyOf(files);
    this.jobs = List.copyOf(jobs);
  }

  /** Plans jobs of at most {@code maxFilesPerJob} files each, in file order. */
  static WriteManifest plan(
      String writeId,
      String database,
      String collection,
      String partition,
      List<StagedFile> files,
      int maxFilesPerJob) {
    List<Job> jobs = new ArrayList<>();
    for (int start = 0; start < files.size(); start += maxFilesPerJob) {
      int count = Math.min(maxFilesPerJob, files.size() - start);
      long rows = 0;
      for (StagedFile file : files.subList(start, start + count)) {
        rows += file.rows();
      }
      jobs.add(new Job(jobs.size(), start, count, rows));
    }
    return new WriteManifest(writeId, database, collection, partition, files, jobs);
  }

  synchronized String status() {
    return status;
  }

  synchronized void status(String newStatus) {
    status = newStatus;
    touch();
  }

  synchronized boolean twoPhase() {
    return twoPhase;
  }

  synchronized void twoPhase(boolean value) {
    twoPhase = value;
  }

  /** The staged files' format ({@code json}, {@code npy}...); empty in manifests before it. */
  synchronized String format() {
    return format;
  }

  synchronized void format(String value) {
    format = value;
  }

  synchronized void snapshot(String name, String createTs) {
    snapshotName = name;
    snapshotCreateTs = createTs;
    touch();
  }

  /** The snapshot taken before the first import job ({@code snapshotBefore}); "" when none. */
  synchronized String snapshotBefore() {
    return snapshotBeforeName;
  }

  synchronized void snapshotBefore(String name, String createTs) {
    snapshotBeforeName = name;
    snapshotBeforeCreateTs = createTs;
    touch();
  }

  /** Whether a create of any job was tried (its key recorded) or a job exists. */
  synchronized boolean anyJobCreateTried() {
    for (Job job : jobs) {
      if (job.idempotencyKey != null || job.jobId != null) {
        return true;
      }
    }
    return false;
  }

  synchronized void jobCreating(Job job, String key) {
    job.idempotencyKey = key;
    job.state = "Creating";
    job.updatedAt = Instant.now().toString();
    touch();
  }

  /** A create was refused: the job does not exist, and the reason says why. */
  synchronized void jobNotCreated(Job job, String reason) {
    job.state = "NotCreated";
    job.reason = reason;
    job.updatedAt = Instant.now().toString();
    touch();
  }

  synchronized void jobCreated(Job job, String jobId) {
    job.jobId = jobId;
    job.state = "Pending";
    job.createdAt = Instant.now().toString();
    job.updatedAt = job.createdAt;
    touch();
  }

  /** Records a described state; returns false when nothing changed (no need to save). */
  synchronized boolean jobState(Job job, String state, long importedRows, String reason) {
    if (state.equals(job.state) && importedRows == job.importedRows) {
      return false;
    }
    job.state = state;
    job.importedRows = importedRows;
    job.reason = reason == null ? "" : reason;
    job.updatedAt = Instant.now().toString();
    touch();
    return true;
  }

  /**
   * Marks a job that failed in an earlier run for a new attempt: a new job needs a new idempotency
   * key, since Milvus keeps answering the old key with the failed job.
   */
  synchronized void retryFailed(Job job) {
    job.attempt++;
    job.jobId = null;
    job.state = "NotCreated";
    job.updatedAt = Instant.now().toString();
    touch();
  }

  /** Counts changes, so an unchanged manifest need not be written again. */
  synchronized long changes() {
    return changes;
  }

  long stagedRows() {
    return files.stream().mapToLong(StagedFile::rows).sum();
  }

  long stagedBytes() {
    return files.stream().mapToLong(StagedFile::bytes).sum();
  }

  private void touch() {
    updatedAt = Instant.now().toString();
    changes++;
  }

  /** Which write this is and where it goes: the head of the manifest and of its completion. */
  private ObjectNode target() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("writeId", writeId);
    root.put("database", database);
    root.put("collection", collection);
    if (partition != null) {
      root.put("partition", partition);
    }
    return root;
  }

  /** The completion record's text ({@link CompletionRecord}): target, rows and time. */
  String completionJson(String completedAt) {
    ObjectNode root = target();
    root.put("rows", stagedRows());
    root.put("completedAt", completedAt);
    return root.toString();
  }

  synchronized String toJson() {
    ObjectNode root = target();
    root.put("status", status);
    root.put("twoPhase", twoPhase);
    root.put("format", format);
    root.put("stagedRows", stagedRows());
    root.put("updatedAt", updatedAt);
    root.put("fileCount", files.size());
    root.put("fileList", FILES_NAME);
    ArrayNode jobArray = root.putArray("jobs");
    for (Job job : jobs) {
      ObjectNode j = jobArray.addObject();
      j.put("index", job.index);
      j.put("firstFile", job.firstFile);
      j.put("fileCount", job.fileCount);
      j.put("expectedRows", job.expectedRows);
      j.put("attempt", job.attempt);
      j.put("idempotencyKey", job.idempotencyKey);
      j.put("jobId", job.jobId);
      j.put("state", job.state);
      j.put("importedRows", job.importedRows);
      j.put("reason", job.reason);
      j.put("createdAt", job.createdAt);
      j.put("updatedAt", job.updatedAt);
    }
    if (!snapshotName.isEmpty()) {
      root.putObject("snapshot").put("name", snapshotName).put("createTs", snapshotCreateTs);
    }
    if (!snapshotBeforeName.isEmpty()) {
      root.putObject("snapshotBefore")
          .put("name", snapshotBeforeName)
          .put("createTs", snapshotBeforeCreateTs);
    }
    return root.toString();
  }

  /** The staged files, in the order the jobs' {@code firstFile} indexes refer to. */
  String filesJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("writeId", writeId);
    ArrayNode fileArray = root.putArray("files");
    for (StagedFile file : files) {
      ObjectNode f = fileArray.addObject();
      file.uris().forEach(f.putArray("uris")::add);
      f.put("rows", file.rows());
      f.put("bytes", file.bytes());
    }
    return root.toString();
  }

  static WriteManifest fromJson(String text, String filesText) throws IOException {
    JsonNode root = JSON.readTree(text);
    List<StagedFile> files = new ArrayList<>();
    for (JsonNode f : JSON.readTree(filesText).path("files")) {
      List<String> uris = new ArrayList<>();
      f.path("uris").forEach(u -> uris.add(u.asText()));
      files.add(new StagedFile(uris, f.path("rows").asLong(), f.path("bytes").asLong()));
    }
    if (files.size() != root.path("fileCount").asInt()) {
      throw new IOException(
          FILES_NAME
              + " lists "
              + files.size()
              + " files but "
              + FILE_NAME
              + " expects "
              + root.path("fileCount").asInt());
    }
    List<Job> jobs = new ArrayList<>();
    for (JsonNode j : root.path("jobs")) {
      Job job =
          new Job(
              j.path("index").asInt(),
              j.path("firstFile").asInt(),
              j.path("fileCount").asInt(),
              j.path("expectedRows").asLong());
      job.attempt = j.path("attempt").asInt(0);
      job.idempotencyKey = text(j, "idempotencyKey");
      job.jobId = text(j, "jobId");
      job.state = j.path("state").asText("NotCreated");
      job.importedRows = j.path("importedRows").asLong(0);
      job.reason = j.path("reason").asText("");
      job.createdAt = j.path("createdAt").asText("");
      job.updatedAt = j.path("updatedAt").asText("");
      jobs.add(job);
    }
    WriteManifest manifest =
        new WriteManifest(
            root.path("writeId").asText(),
            root.path("database").asText(),
            root.path("collection").asText(),
            text(root, "partition"),
            files,
            jobs);
    manifest.status = root.path("status").asText("Staged");
    manifest.twoPhase = root.path("twoPhase").asBoolean(false);
    manifest.format = root.path("format").asText("");
    manifest.snapshotName = root.path("snapshot").path("name").asText("");
    manifest.snapshotCreateTs = root.path("snapshot").path("createTs").asText("");
    manifest.snapshotBeforeName = root.path("snapshotBefore").path("name").asText("");
    manifest.snapshotBeforeCreateTs = root.path("snapshotBefore").path("createTs").asText("");
    return manifest;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
