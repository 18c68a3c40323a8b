package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One answer of {@code /jobs/import/describe}: where an import job stands. */
public final class ImportJobStatus {
  private final String jobId;
  private final String state;
  private final int progress;
  private final long importedRows;
  private final long totalRows;
  private final String reason;
  private final List<FileStatus> files;

  ImportJobStatus(
      String jobId,
      String state,
      int progress,
      long importedRows,
      long totalRows,
      String reason,
      List<FileStatus> files) {
    this.jobId = jobId;
    this.state = state;
    this.progress = progress;
    this.importedRows = importedRows;
    this.totalRows = totalRows;
    this.reason = reason;
    this.files = List.copyOf(files);
  }

  public static ImportJobStatus parse(String jobId, JsonNode data) {
    List<FileStatus> files = new ArrayList<>();
    for (JsonNode detail : data.path("details")) {
      files.add(
          new FileStatus(
              detail.path("fileName").asText(""),
              detail.path("state").asText(""),
              detail.path("reason").asText("")));
    }
    return new ImportJobStatus(
        jobId,
        data.path("state").asText(""),
        data.path("progress").asInt(0),
        data.path("importedRows").asLong(0),
        data.path("totalRows").asLong(0),
        data.path("reason").asText(""),
        files);
  }

  public String jobId() {
    return jobId;
  }

  /** Pending, Importing, Completed, Failed (3.0 adds Uncommitted, Committing). */
  public String state() {
    return state;
  }

  public int progress() {
    return progress;
  }

  public long importedRows() {
    return importedRows;
  }

  public long totalRows() {
    return totalRows;
  }

  public String reason() {
    return reason;
  }

  public List<FileStatus> files() {
    return files;
  }

  public boolean completed() {
    return "Completed".equalsIgnoreCase(state);
  }

  public boolean failed() {
    return "Failed".equalsIgnoreCase(state);
  }

  public boolean finished() {
    return completed() || failed();
  }

  /** 3.0 two-phase: every file is read, the rows wait invisible for a commit or an abort. */
  public boolean uncommitted() {
    return "Uncommitted".equalsIgnoreCase(state);
  }

  /** 3.0 two-phase: committed, rows becoming visible; it cannot be rolled back any more. */
  public boolean committing() {
    return "Committing".equalsIgnoreCase(state);
  }

  /** The job no longer reads files: Uncommitted, Completed or Failed. */
  public boolean doneReading() {
    return uncommitted() || committing() || finished();
  }

  /**
   * A Completed status for a job Milvus no longer describes but whose outcome is certain (it was
   * committed, and a committed job cannot be rolled back).
   */
  public static ImportJobStatus inferredCompleted(String jobId, long rows) {
    return new ImportJobStatus(jobId, "Completed", 100, rows, rows, "", List.of());
  }

  /** Milvus's reason, plus the failed files it names in the job's details. */
  public String failureDescription() {
    StringBuilder text = new StringBuilder(reason.isEmpty() ? "no reason given" : reason);
    for (FileStatus file : files) {
      String name = String.join(",", file.paths());
      if ("Failed".equalsIgnoreCase(file.state) && !reason.contains(name)) {
        text.append("; file ").append(name);
        if (!file.reason.isEmpty() && !reason.contains(file.reason)) {
          text.append(": ").append(file.reason);
        }
      }
    }
    return text.toString();
  }

  /** Per-file progress inside a job. */
  public static final class FileStatus {
    private final String fileName;
    private final String state;
    private final String reason;

    FileStatus(String fileName, String state, String reason) {
      this.fileName = fileName;
      this.state = state;
      this.reason = reason;
    }

    public String fileName() {
      return fileName;
    }

    /**
     * The import file's paths: Milvus names a file {@code fmt.Sprintf("%v", paths)}, i.e. {@code
     * "[a.npy b.npy]"} (one path for JSON and Parquet).
     */
    public List<String> paths() {
      String text = fileName;
      if (text.startsWith("[") && text.endsWith("]")) {
        text = text.substring(1, text.length() - 1);
      }
      return text.isEmpty() ? List.of() : List.of(text.split(" "));
    }

    public String state() {
      return state;
    }

    public String reason() {
      return reason;
    }
  }
}
