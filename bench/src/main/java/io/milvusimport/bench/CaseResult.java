package io.milvusimport.bench;

/**
 * One measured write: how long its Spark job took, what it left on the file system, the JVM's heap
 * over baseline, and how long the driver spent after the job (Spark's job commit, or
 * milvus-import's import call).
 */
final class CaseResult {
  final String workload;
  final String fileSystem;
  final String name;
  final long rows;
  final long jobMillis;
  final long afterJobMillis;
  final long bytes;
  final int files;
  final long heapOverBaseline;

  CaseResult(
      String workload,
      String fileSystem,
      String name,
      long rows,
      long jobMillis,
      long afterJobMillis,
      long bytes,
      int files,
      long heapOverBaseline) {
    this.workload = workload;
    this.fileSystem = fileSystem;
    this.name = name;
    this.rows = rows;
    this.jobMillis = jobMillis;
    this.afterJobMillis = afterJobMillis;
    this.bytes = bytes;
    this.files = files;
    this.heapOverBaseline = heapOverBaseline;
  }

  double rowsPerSecond() {
    return rows * 1000.0 / Math.max(1, jobMillis);
  }
}
