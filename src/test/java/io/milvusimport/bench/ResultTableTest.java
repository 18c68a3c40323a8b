package io.milvusimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static CaseResult run(String name, long rows, long jobMillis) {
    return run("local file://", name, rows, jobMillis);
  }

  private static CaseResult run(String fileSystem, String name, long rows, long jobMillis) {
    return new CaseResult("W1", fileSystem, name, rows, jobMillis, 0, 1_000_000, 2, 0);
  }

  @Test
  void interleavedRunsReportTheMedianRateItsSpreadAndRatiosOfMedians() {
    List<CaseResult> results =
        List.of(
            run(ThroughputRun.SPARK_PARQUET, 100_000, 4_000),
            run("bulkwriter parquet", 100_000, 10_000),
            run(ThroughputRun.SPARK_PARQUET, 100_000, 2_000),
            run("bulkwriter parquet", 100_000, 20_000),
            run(ThroughputRun.SPARK_PARQUET, 100_000, 1_000),
            run("bulkwriter parquet", 100_000, 5_000));

    String table = ResultTable.throughput(results);

    assertThat(table).contains("#### W1 on local file:// (100,000 rows, 3 runs)");
    // Spark parquet: 25,000 / 50,000 / 100,000 rows/s -> median 50,000; the peer's median 10,000.
    assertThat(table)
        .contains("| Spark parquet | 2.0 | 50,000 | 25,000–100,000 | 0.5 | 1.00 |")
        .contains("| bulkwriter parquet | 10.0 | 10,000 | 5,000–20,000 | 0.1 | 0.20 |");
  }

  @Test
  void evenRunCountsTakeTheMeanOfTheMiddleTwo() {
    CaseStats stats = new CaseStats("x");
    stats.runs.add(run("x", 1_000, 1_000));
    stats.runs.add(run("x", 1_000, 500));
    assertThat(stats.medianRowsPerSecond()).isEqualTo(1_500.0);
    assertThat(stats.minRowsPerSecond()).isEqualTo(1_000.0);
    assertThat(stats.maxRowsPerSecond()).isEqualTo(2_000.0);
  }

  @Test
  void ratesByRowCountAreTabulatedWhenThereAreSeveralScales() {
    List<CaseResult> results =
        List.of(
            run("bulkwriter json", 100_000, 10_000),
            run("bulkwriter json", 300_000, 30_000),
            run(ThroughputRun.RAW, 300_000, 300));

    String table = ResultTable.scaling(results);

    assertThat(table)
        .contains("| writer | 100,000 | 300,000 |")
        .contains("| bulkwriter json | 10,000 | 10,000 |")
        .contains("| raw float32 | – | 1,000,000 |");
    assertThat(ResultTable.scaling(results.subList(0, 1))).isEmpty();
  }

  @Test
  void targetsAreIssue16sNpyNearRawLocallyAndLooserOverS3a() {
    List<CaseResult> results =
        List.of(
            run("milvus-import npy", 100_000, 1_000),
            run(ThroughputRun.RAW, 100_000, 900),
            run("S3A", "milvus-import npy", 100_000, 1_000),
            run("S3A", ThroughputRun.RAW, 100_000, 750),
            run("S3A", "milvus-import parquet", 100_000, 1_000),
            run("S3A", ThroughputRun.SPARK_PARQUET, 100_000, 1_900));

    String table = ResultTable.targets(results);

    // Locally npy is 0.90x raw (>= 0.85); over S3A 0.75x (>= 0.7); parquet 1.90x Spark's (< 2).
    assertThat(table)
        .contains("| npy ≥ 0.85× raw float32 | W1 / local file://, 100,000 rows | 0.90× | yes |")
        .contains("| npy ≥ 0.7× raw float32 | W1 / S3A, 100,000 rows | 0.75× | yes |")
        .contains("| parquet ≥ 2× Spark parquet | W1 / S3A, 100,000 rows | 1.90× | **no** |")
        .doesNotContain("json ≥");
  }
}
