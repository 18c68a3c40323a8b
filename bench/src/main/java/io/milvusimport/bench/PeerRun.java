package io.milvusimport.bench;

import io.milvusimport.bench.peer.W1Values;
import io.milvusimport.testkit.standin.FileSource;
import io.milvusimport.testkit.standin.ImportFileRead;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;

/**
 * The peer: Milvus's own Java bulk writer ({@code LocalBulkWriter}, PARQUET and JSON) writing W1 to
 * the local file system, each run in a JVM of its own with the bulk writer's class path (built by
 * the bench profile from bench/peer/pom.xml into {@code -Dbench.peer.home}), so its Hadoop, Parquet
 * and gRPC never meet Spark's. The peer times itself ({@code BulkWriterPeer}); the harness counts
 * what it left on disk, and on a case's first run reads its files with the Milvus stand-in's import
 * readers, as an import job would, and compares the rows with W1's values.
 */
final class PeerRun {
  static final String PREFIX = "bulkwriter ";

  private final Path home;
  private final String heap;
  private final MilvusStandIn milvus;
  private final String collection;
  private final Configuration conf;
  private final List<String> checks = new ArrayList<>();

  private PeerRun(
      Path home, String heap, MilvusStandIn milvus, String collection, Configuration conf) {
    this.home = home;
    this.heap = heap;
    this.milvus = milvus;
    this.collection = collection;
    this.conf = conf;
  }

  /** The peer built by the bench profile, or null (and why) when it is not there. */
  static PeerRun find(MilvusStandIn milvus, String collection, Configuration conf) {
    String dir = System.getProperty("bench.peer.home", "");
    Path home = Paths.get(dir);
    if (dir.isEmpty() || !Files.exists(home.resolve("peer.classpath"))) {
      System.out.println(
          "[bench] bulk-writer peer skipped: no -Dbench.peer.home with peer.classpath"
              + " (run through mvn -Pbench, which builds bench/peer)");
      return null;
    }
    return new PeerRun(
        home, System.getProperty("bench.peer.heap", "-Xmx4g"), milvus, collection, conf);
  }

  /** The peer's cases for W1 at {@code rows} rows: parquet and json for each thread count. */
  List<BenchCase> cases(long rows, Path root, String label, List<Integer> threadCounts) {
    List<BenchCase> cases = new ArrayList<>();
    for (int threads : threadCounts) {
      for (String format : new String[] {"parquet", "json"}) {
        String name = PREFIX + format + (threads > 1 ? " (" + threads + " writers)" : "");
        Path dir = root.resolve("peer-" + format + "-" + threads);
        boolean[] checked = {false};
        cases.add(
            () -> {
              CaseResult result = runOnce(name, format, threads, rows, dir, label, !checked[0]);
              checked[0] = true;
              return result;
            });
      }
    }
    return cases;
  }

  /** What the stand-in's readers made of the peer's files, one line per case. */
  List<String> checks() {
    return checks;
  }

  private CaseResult runOnce(
      String name, String format, int threads, long rows, Path dir, String label, boolean check)
      throws Exception {
    FileUtils.deleteQuietly(dir.toFile());
    DiskSettle.now();
    String classPath =
        home.resolve("classes")
            + File.pathSeparator
            + Files.readString(home.resolve("peer.classpath")).trim();
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    command.addAll(
        List.of(
            "-cp",
            classPath,
            "io.milvusimport.bench.peer.BulkWriterPeer",
            "--rows",
            Long.toString(rows),
            "--format",
            format,
            "--threads",
            Integer.toString(threads),
            "--dir",
            dir.toString()));
    Path log = home.resolve("peer-" + format + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectError(log.toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    String result = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("peer-result ")) {
          result = line;
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(
          "the bulk-writer peer failed (exit " + exit + "); its stderr is in " + log);
    }
    long nanos = Long.parseLong(field(result, "nanos"));
    long heapOver = Long.parseLong(field(result, "heap"));
    String[] files = field(result, "files").split("\\|");
    StagedBytes out = StagedBytes.under(conf, dir.toUri().toString());
    if (check) {
      checks.add(check(name, rows, files));
    }
    FileUtils.deleteQuietly(dir.toFile());
    CaseResult r =
        new CaseResult(
            "W1", label, name, rows, nanos / 1_000_000, 0, out.bytes, out.files, heapOver);
    System.out.printf(
        Locale.ROOT,
        "[bench] W1 %s %-22s job %6d ms (peer JVM), %,d bytes in %d files, heap +%d MB%n",
        label,
        name,
        r.jobMillis,
        r.bytes,
        r.files,
        heapOver >> 20);
    return r;
  }

  /**
   * Reads the first file (and for JSON the second, where the writer's files after the first start
   * with a comma) with the stand-in's readers and compares the first rows with W1's values.
   */
  private String check(String name, long rows, String[] files) {
    StringBuilder out =
        new StringBuilder(
            String.format(Locale.ROOT, "- %s, %,d rows, %d files: ", name, rows, files.length));
    for (int i = 0; i < Math.min(files.length, 2); i++) {
      String file = files[i];
      ImportFileRead read =
          milvus.readImportFile("default", collection, List.of(file), FileSource.local());
      String shortName = Paths.get(file).getFileName().toString();
      if (i > 0) {
        out.append("; ");
      }
      if (read.failure != null) {
        out.append(shortName).append(" rejected: ").append(firstLine(read.failure));
      } else {
        out.append(shortName)
            .append(
                String.format(
                    Locale.ROOT, " read as an import job would: %,d rows", read.rows.size()))
            .append(
                sameValues(read.rows) ? ", values identical to W1's" : ", VALUES DIFFER from W1's");
      }
    }
    return out.toString();
  }

  private static boolean sameValues(List<Map<String, Object>> rows) {
    W1Values values = new W1Values();
    float[] vector = new float[W1Values.DIM];
    for (Map<String, Object> row : rows.subList(0, Math.min(100, rows.size()))) {
      long id = ((Number) row.get("id")).longValue();
      W1Values.vector(id, vector);
      List<?> embedding = (List<?>) row.get("embedding");
      for (int i = 0; i < vector.length; i++) {
        if (Float.floatToIntBits(vector[i]) != Float.floatToIntBits((Float) embedding.get(i))) {
          return false;
        }
      }
      if (!values.text(id).equals(row.get("text"))) {
        return false;
      }
    }
    return !rows.isEmpty();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }

  private static String field(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("no " + key + " in the peer's line: " + line);
  }
}
