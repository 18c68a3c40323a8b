package io.milvusimport.bench;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The driver's cost of a write with many staged files: one row per file ({@code maxFileSize=1kb}
 * and rows larger than that), staged on the local file system, imported by the stand-in with a
 * short step delay. The times come from Spark's task events and from the log lines of the stand-in
 * (job created, job completed) and of the committer (its own overhead report).
 */
final class CommitOverhead {
  private static final String TOKEN = "root:Milvus";
  private static final int DIM = 128;

  private CommitOverhead() {}

  static String run(SparkSession spark, JobClock clock, int files, String pollInterval)
      throws Exception {
    Path staging = Files.createTempDirectory("bench-commit-");
    try (MilvusStandIn milvus =
        MilvusStandIn.builder()
            .token(TOKEN)
            .localStorage()
            .stepDelay(Duration.ofMillis(10))
            .start()) {
      milvus.createCollection("default", ImportTestBed.docsCollectionBody("commit_bench", DIM, 64));
      DataFrameWriter<Row> writer =
          spark
              .range(0, files, 1, 4)
              .selectExpr(
                  "id",
                  "transform(sequence(1, "
                      + DIM
                      + "), i -> cast(hash(id, i) / 2147483648.0 as float)) as embedding",
                  "concat('doc-', id) as text")
              .write()
              .format("milvus-import")
              .mode("append")
              .option("uri", milvus.uri())
              .option("token", TOKEN)
              .option("collection", "commit_bench")
              .option("stagingPath", staging.toUri() + "staging/")
              .option("format", "json")
              .option("maxFileSize", "1kb")
              .option("maxConcurrentJobs", "16");
      if (pollInterval != null) {
        writer.option("pollInterval", pollInterval);
      }
      clock.reset();
      long returned;
      try (LogCapture log = LogCapture.open()) {
        writer.save();
        returned = System.currentTimeMillis();
        clock.awaitQuiet();
        return report(log, clock, returned, pollInterval);
      }
    } finally {
      FileUtils.deleteQuietly(staging.toFile());
    }
  }

  private static String report(LogCapture log, JobClock clock, long returned, String poll) {
    long lastTask = clock.lastTaskEnd();
    Matcher staged = only(log.matching("rows staged in (\\d+) files"));
    long commitStart = Collections.min(log.times("rows staged in \\d+ files"));
    List<Long> created = log.times("job \\d+ created");
    List<Long> completed = log.times("job \\d+ -> Completed");
    long noticed = Collections.min(log.times("Write \\S+: imported \\d+ rows"));
    Matcher commit =
        only(
            log.matching(
                "commit took (\\d+) ms: (\\d+) ms creating and awaiting (\\d+) import jobs.*?,"
                    + " (\\d+) ms planning before the first job, (\\d+) ms cleanup; manifest"
                    + " written (\\d+) times in (\\d+) ms"));
    long lastCreated = Collections.max(created);
    long lastCompleted = Collections.max(completed);
    StringBuilder out = new StringBuilder();
    out.append("\n| commit of ").append(staged.group(1)).append(" staged files | ms |\n");
    out.append("|---|---:|\n");
    row(
        out,
        "last task end → commit start (Spark's driver, before the connector)",
        commitStart - lastTask);
    row(
        out,
        "**last task end → all " + created.size() + " import jobs created** (target ≤ 2,000)",
        lastCreated - lastTask);
    row(
        out,
        "of which: connector planning + manifest before the first create",
        Long.parseLong(commit.group(4)));
    row(
        out,
        "server importing (first create → last job Completed, stand-in)",
        lastCompleted - Collections.min(created));
    row(
        out,
        "polling latency: last job Completed on the server → commit saw it (pollInterval "
            + (poll == null ? "default 1s" : poll)
            + ")",
        noticed - lastCompleted);
    row(
        out,
        "manifest writes (" + commit.group(6) + " saves), total",
        Long.parseLong(commit.group(7)));
    row(out, "cleanup of the staged files", Long.parseLong(commit.group(5)));
    row(out, "commit total (connector log)", Long.parseLong(commit.group(1)));
    row(out, "last task end → save() returned", returned - lastTask);
    return out.toString();
  }

  private static void row(StringBuilder out, String what, long millis) {
    out.append(String.format(Locale.ROOT, "| %s | %,d |%n", what, millis));
  }

  private static Matcher only(List<Matcher> found) {
    if (found.isEmpty()) {
      throw new IllegalStateException("expected log line not found");
    }
    return found.get(0);
  }
}
