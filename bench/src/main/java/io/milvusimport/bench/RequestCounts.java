package io.milvusimport.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;

/**
 * The object store requests one case made, from the counters of the directory's cached file system
 * (S3A's {@code object_*} statistics; in {@code local[2]} the tasks use the driver's cached
 * instance). Empty on a file system without such statistics.
 */
final class RequestCounts {
  private final IOStatistics statistics;
  private final Map<String, Long> before;

  private RequestCounts(IOStatistics statistics) {
    this.statistics = statistics;
    this.before = snapshot(statistics);
  }

  /** Starts counting the requests to {@code directory}'s file system. */
  static RequestCounts start(Configuration conf, String directory) throws IOException {
    FileSystem fs = new Path(directory).getFileSystem(conf);
    return new RequestCounts(IOStatisticsSupport.retrieveIOStatistics(fs));
  }

  /** The requests since {@link #start}, as {@code name=count} pairs, or "" when none. */
  String since() {
    StringBuilder out = new StringBuilder();
    snapshot(statistics)
        .forEach(
            (name, value) -> {
              long delta = value - before.getOrDefault(name, 0L);
              if (delta > 0) {
                out.append(String.format(Locale.ROOT, " %s=%d", name, delta));
              }
            });
    return out.toString().trim();
  }

  private static Map<String, Long> snapshot(IOStatistics statistics) {
    Map<String, Long> counts = new TreeMap<>();
    if (statistics != null) {
      statistics
          .counters()
          .forEach(
              (name, value) -> {
                if (name.startsWith("object_") || name.startsWith("multipart_")) {
                  counts.put(name, value);
                }
              });
    }
    return counts;
  }
}
