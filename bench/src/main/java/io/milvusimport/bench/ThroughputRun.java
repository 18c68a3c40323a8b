package io.milvusimport.bench;

import io.milvusimport.staging.HadoopConf;
import io.milvusimport.testkit.HeapWatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Every writer over one cached DataFrame on one file system, one after the other: the three
 * milvus-import formats (staging only: the import jobs are created but the benchmark's stand-in
 * never runs them, so no file is read back), Spark's own Parquet and JSON writers, and the raw
 * float32 lower bound. Each output is measured, then deleted. The cases come as a list so that
 * {@code --runs N} can interleave them: every writer once, then every writer again.
 */
final class ThroughputRun {
  static final String[] MILVUS_FORMATS = {"json", "npy", "parquet"};
  static final String SPARK_PARQUET = "Spark parquet";
  static final String SPARK_JSON = "Spark json";
  static final String RAW = "raw float32";

  private final SparkSession spark;
  private final JobClock clock;
  private final HeapWatch heap;
  private final String milvusUri;
  private final String token;
  private final Set<String> writers;

  /**
   * @param writers the cases to run, by short name: {@code json}, {@code npy}, {@code parquet}
   *     (milvus-import's formats), {@code spark-parquet}, {@code spark-json}, {@code raw}
   */
  ThroughputRun(
      SparkSession spark,
      JobClock clock,
      HeapWatch heap,
      String milvusUri,
      String token,
      Set<String> writers) {
    this.writers = writers;
    this.spark = spark;
    this.clock = clock;
    this.heap = heap;
    this.milvusUri = milvusUri;
    this.token = token;
  }

  /** Runs every case once (the warm-up). */
  List<CaseResult> run(
      Workload workload, Dataset<Row> df, long rows, String collection, String root, String label)
      throws Exception {
    List<CaseResult> results = new ArrayList<>();
    for (BenchCase c : cases(workload, df, rows, collection, root, label)) {
      results.add(c.run());
    }
    return results;
  }

  /**
   * Every case over {@code df} ({@code rows} rows, cached) under {@code root} ({@code file:///...}
   * or {@code s3a://bucket/...}); {@code label} names the file system in the table.
   */
  List<BenchCase> cases(
      Workload workload, Dataset<Row> df, long rows, String collection, String root, String label) {
    List<BenchCase> cases = new ArrayList<>();
    for (String format : MILVUS_FORMATS) {
      if (!writers.contains(format)) {
        continue;
      }
      String dir = root + "/milvus-" + format;
      cases.add(
          () ->
              measure(
                  workload,
                  label,
                  "milvus-import " + format,
                  rows,
                  dir,
                  () ->
                      df.write()
                          .format("milvus-import")
                          .mode("append")
                          .option("uri", milvusUri)
                          .option("token", token)
                          .option("collection", collection)
                          .option("stagingPath", dir + "/")
                          .option("format", format)
                          .option("waitForCompletion", "false")
                          .save()));
    }
    String parquet = root + "/spark-parquet";
    if (writers.contains("spark-parquet")) {
      cases.add(
          () ->
              measure(
                  workload,
                  label,
                  SPARK_PARQUET,
                  rows,
                  parquet,
                  () -> df.write().mode("overwrite").parquet(parquet)));
    }
    String json = root + "/spark-json";
    if (writers.contains("spark-json")) {
      cases.add(
          () ->
              measure(
                  workload,
                  label,
                  SPARK_JSON,
                  rows,
                  json,
                  () -> df.write().mode("overwrite").json(json)));
    }
    if (!writers.contains("raw")) {
      return cases;
    }
    String raw = root + "/raw";
    HadoopConf conf = new HadoopConf(hadoopConf());
    int ordinal = Arrays.asList(df.columns()).indexOf(workload.vectorColumn);
    cases.add(
        () ->
            measure(
                workload,
                label,
                RAW,
                rows,
                raw,
                () ->
                    df.queryExecution()
                        .toRdd()
                        .toJavaRDD()
                        .foreachPartition(new RawVectorWriter(conf, raw, ordinal))));
    return cases;
  }

  private CaseResult measure(
      Workload workload, String label, String name, long rows, String dir, Runnable write)
      throws Exception {
    Configuration conf = hadoopConf();
    StagedBytes.delete(conf, dir);
    DiskSettle.now();
    clock.reset();
    heap.begin();
    RequestCounts requests = RequestCounts.start(conf, dir);
    write.run();
    long returned = System.currentTimeMillis();
    clock.awaitQuiet();
    String requested = requests.since();
    long heapOver = heap.peakOverBaseline();
    StagedBytes out = StagedBytes.under(conf, dir);
    StagedBytes.delete(conf, dir);
    CaseResult result =
        new CaseResult(
            workload.name,
            label,
            name,
            rows,
            clock.jobMillis(),
            Math.max(0, returned - clock.lastJobEnd()),
            out.bytes,
            out.files,
            heapOver);
    System.out.printf(
        java.util.Locale.ROOT,
        "[bench] %s %s %-22s job %6d ms, after job %5d ms, %,d bytes in %d files, heap +%d MB%n",
        workload.name,
        label,
        name,
        result.jobMillis,
        result.afterJobMillis,
        result.bytes,
        result.files,
        heapOver >> 20);
    if (!requested.isEmpty()) {
      System.out.printf(
          java.util.Locale.ROOT,
          "[bench] %s %s %-22s requests: %s%n",
          workload.name,
          label,
          name,
          requested);
    }
    return result;
  }

  private Configuration hadoopConf() {
    return spark.sessionState().newHadoopConf();
  }
}
