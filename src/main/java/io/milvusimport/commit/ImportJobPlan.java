package io.milvusimport.commit;

import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a write's staged files into import requests Milvus accepts: at most {@code maxFilesPerJob}
 * import files per request, each file sent as the path Milvus reads.
 */
final class ImportJobPlan {
  private final List<List<List<String>>> requests;
  private final List<Long> expectedRows;

  private ImportJobPlan(List<List<List<String>>> requests, List<Long> expectedRows) {
    this.requests = requests;
    this.expectedRows = expectedRows;
  }

  static ImportJobPlan of(List<StagedFile> files, StagingLocation staging, int maxFilesPerJob) {
    List<List<List<String>>> requests = new ArrayList<>();
    List<Long> rows = new ArrayList<>();
    for (int start = 0; start < files.size(); start += maxFilesPerJob) {
      List<List<String>> request = new ArrayList<>();
      long requestRows = 0;
      for (StagedFile file : files.subList(start, Math.min(files.size(), start + maxFilesPerJob))) {
        List<String> paths = new ArrayList<>(file.uris().size());
        for (String uri : file.uris()) {
          paths.add(staging.milvusPath(uri));
        }
        request.add(paths);
        requestRows += file.rows();
      }
      requests.add(request);
      rows.add(requestRows);
    }
    return new ImportJobPlan(requests, rows);
  }

  int size() {
    return requests.size();
  }

  /** The {@code files} value of request {@code index}: one inner list per import file. */
  List<List<String>> files(int index) {
    return requests.get(index);
  }

  long expectedRows(int index) {
    return expectedRows.get(index);
  }
}
