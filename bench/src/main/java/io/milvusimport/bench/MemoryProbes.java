package io.milvusimport.bench;

import io.milvusimport.staging.LargeTaskProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * One task's write path alone in a JVM with a small heap ({@link LargeTaskProbe}, the same probe
 * the memory test forks), per format, writing at least the given bytes of 768-d rows to the local
 * file system. With {@code profile}, each probe also records Flight Recorder CPU samples, which are
 * summarised: one task and no Spark around it shows the encoder's own hot path.
 */
final class MemoryProbes {
  static final String HEAP = LargeTaskProbe.HEAP;
  private static final Pattern RESULT =
      Pattern.compile(
          "staged=(\\d+) rows=(\\d+) files=(\\d+) seconds=(\\S+) peakHeap=(\\d+)"
              + " liveHeap=(\\d+) baseHeap=(\\d+)");

  private MemoryProbes() {}

  /** Runs the probe per format; returns the markdown table, followed by profiles if asked. */
  static String run(List<String> formats, long bytes, boolean profile) throws Exception {
    StringBuilder table = new StringBuilder();
    StringBuilder profiles = new StringBuilder();
    table.append(
        "\n| format (one task, "
            + HEAP
            + ", local fs) | staged bytes | rows | files | s | rows/s | MB/s | live heap peak"
            + " over baseline (MB) | sampled heap peak (MB) |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String format : formats) {
      Path dir = Files.createTempDirectory("bench-probe-");
      try {
        Path jfr = dir.resolve("probe.jfr");
        Matcher m = probe(format, dir, bytes, profile ? jfr : null);
        double seconds = Double.parseDouble(m.group(4));
        long staged = Long.parseLong(m.group(1));
        long rows = Long.parseLong(m.group(2));
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %s | %.1f | %,.0f | %.1f | %d | %d |%n",
                format,
                staged,
                rows,
                m.group(3),
                seconds,
                rows / seconds,
                staged / 1e6 / seconds,
                (Long.parseLong(m.group(6)) - Long.parseLong(m.group(7))) >> 20,
                Long.parseLong(m.group(5)) >> 20));
        if (profile) {
          profiles
              .append("\n### profile: ")
              .append(format)
              .append(" (one task, 768-d rows)\n```\n")
              .append(JfrSummary.summarise(jfr, 15))
              .append("```\n");
        }
      } finally {
        FileUtils.deleteQuietly(dir.toFile());
      }
    }
    return table + profiles.toString();
  }

  private static Matcher probe(String format, Path dir, long bytes, Path jfr) throws Exception {
    List<String> command = LargeTaskProbe.command(format, dir, bytes, jfr);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("probe.log").toFile())
            .start();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("probe " + format + " did not finish in 30 minutes");
    }
    String output = Files.readString(dir.resolve("probe.log"), StandardCharsets.UTF_8);
    Matcher m = RESULT.matcher(output);
    if (process.exitValue() != 0 || !m.find()) {
      throw new IllegalStateException("probe " + format + " failed:" + File.separator + output);
    }
    System.out.println("[bench] probe " + format + ": " + m.group());
    return m;
  }
}
