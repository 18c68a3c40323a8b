package io.milvusimport.bench;

import io.milvusimport.testkit.HeapWatch;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The staging benchmark (docs/benchmarks.md): for each workload, one cached DataFrame written by
 * every writer on each file system, then one task's memory under a small heap, then the driver's
 * commit overhead for many files; prints markdown tables at the end.
 *
 * <p>Run with {@code mvn -B -Pbench test-compile -Dbench.args="..."}. Flags: {@code --rows N} (W1,
 * default 1,000,000), {@code --scales N,N,..} (W1 at each row count, default {@code --rows}),
 * {@code --runs N} (every case N times, interleaved; medians and spread), {@code --peer no} (skip
 * the bulk-writer peer), {@code --peer-max-rows N} (the peer only at scales up to N rows: it writes
 * a few thousand rows a second), {@code --peer-threads 1,2} (the peer also with two writers on two
 * threads), {@code --w2-rows N} (default: as W1), {@code --quick} (100,000 rows each), {@code
 * --workloads W1,W2}, {@code --fs local,s3a}, {@code --partitions P} (default 4), {@code
 * --memory-bytes B} (per format, default 2 GiB; 0 skips), {@code --commit-files N} (default 10,000;
 * 0 skips), {@code --poll-interval D} (commit benchmark; default the connector's), {@code
 * --profile} (Flight Recorder summary per format from the memory probes), {@code --writers W,...}
 * (the cases to run, default all: {@code json,npy,parquet,spark-parquet,spark-json,raw}), {@code
 * --hadoop k=v,...} (Hadoop settings for every writer, such as S3A's {@code fs.s3a.*}), {@code
 * --npy-hot-path N} (only the npy encoder, N rows per round, {@code --rounds R}: {@link
 * NpyHotPath}).
 *
 * <p>The Milvus stand-in used for throughput never runs its jobs ({@code waitForCompletion=false}
 * and an hour per job step), so the import is excluded: only staging and job creation are measured.
 */
public final class StagingBenchmark {
  private static final String TOKEN = "root:Milvus";
  private static final String BUCKET = "bench-bucket";

  private StagingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = flags(args);
    boolean quick = flags.containsKey("quick");
    long w1Rows = Long.parseLong(flags.getOrDefault("rows", quick ? "100000" : "1000000"));
    List<Long> w1Scales = numbers(flags.getOrDefault("scales", Long.toString(w1Rows)));
    long w2Rows = Long.parseLong(flags.getOrDefault("w2-rows", Long.toString(w1Rows)));
    int runs = Integer.parseInt(flags.getOrDefault("runs", "1"));
    List<Integer> peerThreads = new ArrayList<>();
    for (long n : numbers(flags.getOrDefault("peer-threads", "1"))) {
      peerThreads.add((int) n);
    }
    boolean peer = !flags.getOrDefault("peer", "yes").equals("no");
    long peerMaxRows =
        Long.parseLong(flags.getOrDefault("peer-max-rows", Long.toString(Long.MAX_VALUE)));
    int partitions = Integer.parseInt(flags.getOrDefault("partitions", "4"));
    List<String> workloads = List.of(flags.getOrDefault("workloads", "W1,W2").split(","));
    List<String> fileSystems = List.of(flags.getOrDefault("fs", "local,s3a").split(","));
    long memoryBytes = Long.parseLong(flags.getOrDefault("memory-bytes", Long.toString(2L << 30)));
    int commitFiles = Integer.parseInt(flags.getOrDefault("commit-files", "10000"));
    boolean profile = flags.containsKey("profile");
    if (flags.containsKey("npy-hot-path")) {
      System.out.print(
          NpyHotPath.run(
              Long.parseLong(flags.get("npy-hot-path")),
              Integer.parseInt(flags.getOrDefault("rounds", "6")),
              profile));
      return;
    }
    Set<String> writers =
        Set.of(
            flags
                .getOrDefault("writers", "json,npy,parquet,spark-parquet,spark-json,raw")
                .split(","));

    List<CaseResult> results = new ArrayList<>();
    StringBuilder setup = new StringBuilder();
    String memory = "";
    String commit = "";
    String peerChecks = "";
    Path localRoot = Files.createTempDirectory("milvus-bench-");
    LocalS3 s3 = fileSystems.contains("s3a") ? LocalS3.start() : null;
    try (MilvusStandIn milvus =
        MilvusStandIn.builder()
            .token(TOKEN)
            .localStorage()
            .stepDelay(Duration.ofHours(1))
            .start()) {
      SparkSession.Builder builder =
          SparkSession.builder()
              .appName("milvus-import-bench")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1");
      if (s3 != null) {
        s3.createBucket(BUCKET);
        s3.hadoopOptions().forEach((k, v) -> builder.config("spark.hadoop." + k, v));
      }
      if (flags.containsKey("hadoop")) {
        for (String setting : flags.get("hadoop").split(",")) {
          String[] kv = setting.split("=", 2);
          builder.config("spark.hadoop." + kv[0], kv[1]);
        }
      }
      SparkSession spark = builder.getOrCreate();
      try {
        JobClock clock = new JobClock();
        spark.sparkContext().addSparkListener(clock);
        HeapWatch heap = new HeapWatch();
        ThroughputRun run = new ThroughputRun(spark, clock, heap, milvus.uri(), TOKEN, writers);
        warmUp(spark, run, milvus, localRoot);
        PeerRun peerRun =
            peer ? PeerRun.find(milvus, "bench_w1", spark.sessionState().newHadoopConf()) : null;
        for (String name : workloads) {
          Workload workload = Workload.named(name);
          String collection = "bench_" + workload.name.toLowerCase(Locale.ROOT);
          milvus.createCollection("default", workload.collectionBody(collection));
          for (long rows : workload == Workload.W1 ? w1Scales : List.of(w2Rows)) {
            Dataset<Row> df = workload.frame(spark, rows, partitions).cache();
            long started = System.nanoTime();
            df.count();
            setup.append(
                String.format(
                    Locale.ROOT,
                    "%s (%s): %,d rows in %d partitions generated and cached in %.1f s%n",
                    workload.name,
                    workload.description,
                    rows,
                    partitions,
                    (System.nanoTime() - started) / 1e9));
            for (String fs : fileSystems) {
              String root =
                  fs.equals("s3a")
                      ? "s3a://" + BUCKET + "/" + workload.name
                      : localRoot.toUri() + workload.name;
              String label = fs.equals("s3a") ? "S3A → S3Proxy (loopback)" : "local file://";
              List<BenchCase> cases = run.cases(workload, df, rows, collection, root, label);
              if (peerRun != null
                  && workload == Workload.W1
                  && fs.equals("local")
                  && rows <= peerMaxRows) {
                cases.addAll(peerRun.cases(rows, localRoot.resolve("peer"), label, peerThreads));
              }
              for (int round = 1; round <= runs; round++) {
                System.out.printf(
                    Locale.ROOT,
                    "[bench] %s, %,d rows, %s: run %d of %d%n",
                    name,
                    rows,
                    label,
                    round,
                    runs);
                for (BenchCase c : cases) {
                  results.add(c.run());
                }
              }
            }
            df.unpersist(true);
          }
        }
        if (peerRun != null) {
          peerChecks = String.join("\n", peerRun.checks());
        }
        if (memoryBytes > 0) {
          memory = MemoryProbes.run(List.of("npy", "parquet", "json"), memoryBytes, profile);
        }
        if (commitFiles > 0) {
          commit = CommitOverhead.run(spark, clock, commitFiles, flags.get("poll-interval"));
        }
      } finally {
        spark.stop();
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
      FileUtils.deleteQuietly(localRoot.toFile());
    }
    System.out.println("\n===== milvus-import staging benchmark =====\n");
    System.out.print(setup);
    System.out.println(ResultTable.throughput(results));
    System.out.println(ResultTable.scaling(results));
    if (!peerChecks.isEmpty()) {
      System.out.println("\nBulk-writer output read back by the stand-in's import readers:\n");
      System.out.println(peerChecks);
    }
    System.out.println(ResultTable.targets(results));
    System.out.println(memory);
    System.out.println(commit);
  }

  /** One small unmeasured pass of every writer, so the first measured case is not the JIT's. */
  private static void warmUp(SparkSession spark, ThroughputRun run, MilvusStandIn milvus, Path root)
      throws Exception {
    for (Workload workload : List.of(Workload.W1, Workload.W2)) {
      String collection = "warmup_" + workload.name.toLowerCase(Locale.ROOT);
      milvus.createCollection("default", workload.collectionBody(collection));
      Dataset<Row> df = workload.frame(spark, 20_000, 2).cache();
      df.count();
      run.run(workload, df, 20_000, collection, root.toUri() + "warmup", "warm-up");
      df.unpersist(true);
    }
    System.out.println("[bench] warm-up done");
  }

  private static List<Long> numbers(String list) {
    List<Long> numbers = new ArrayList<>();
    for (String n : list.split(",")) {
      numbers.add(Long.parseLong(n.trim()));
    }
    return numbers;
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (name.equals("quick") || name.equals("profile")) {
        flags.put(name, "true");
      } else if (i + 1 < args.length) {
        flags.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("flag --" + name + " needs a value");
      }
    }
    return flags;
  }
}
