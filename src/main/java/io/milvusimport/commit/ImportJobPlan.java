package io.milvusimport.commit;

import io.milvusimport.staging.StagedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a planned job of the manifest into the {@code files} of its import request: one inner list
 * per import file, named as the service reads it ({@link RequestAddressing}).
 */
final class ImportJobPlan {
  private ImportJobPlan() {}

  static List<List<String>> requestFiles(
      WriteManifest.Job job, List<StagedFile> files, RequestAddressing addressing) {
    List<List<String>> request = new ArrayList<>(job.fileCount);
    for (StagedFile file : files.subList(job.firstFile, job.firstFile + job.fileCount)) {
      request.add(addressing.paths(file));
    }
    return request;
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
