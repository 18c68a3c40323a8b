package io.milvusimport.commit;

import io.milvusimport.ImportFailedException;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a planned job of the manifest into the {@code files} of its import request (one inner list
 * per import file, each path as Milvus reads it), and checks before any job exists that every
 * import file fits Milvus's per-file limit, so a write never fails half imported on a size.
 */
final class ImportJobPlan {
  /** Milvus's {@code dataNode.import.maxImportFileSizeInGB} default, per inner list. */
  static final long MAX_IMPORT_FILE_BYTES = 16L << 30;

  private ImportJobPlan() {}

  static List<List<String>> requestFiles(
      WriteManifest.Job job, List<StagedFile> files, StagingLocation staging) {
    List<List<String>> request = new ArrayList<>(job.fileCount);
    for (StagedFile file : files.subList(job.firstFile, job.firstFile + job.fileCount)) {
      List<String> paths = new ArrayList<>(file.uris().size());
      for (String uri : file.uris()) {
        paths.add(staging.milvusPath(uri));
      }
      request.add(paths);
    }
    return request;
  }

  /**
   * @throws ImportFailedException naming the first file (or column group) over 16 GB
   */
  static void checkFileSizes(List<StagedFile> files, String writeId) {
    for (StagedFile file : files) {
      if (file.bytes() > MAX_IMPORT_FILE_BYTES) {
        throw new ImportFailedException(
            "Staged import file "
                + file
                + " of write "
                + writeId
                + " is larger than Milvus's 16 GB per-file limit"
                + " (dataNode.import.maxImportFileSizeInGB); no import job was created. Lower"
                + " 'maxFileSize'.");
      }
    }
  }

  /** The {@code Idempotency-Key} of a job: stable across retries and resumes of one attempt. */
  static String idempotencyKey(String writeId, WriteManifest.Job job) {
    return "milvus-import-"
        + writeId
        + "-job-"
        + job.index
        + (job.attempt == 0 ? "" : "-attempt-" + job.attempt);
  }
}
