package io.milvusimport.format;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local scratch files for the column formats, which must know a column's length before its first
 * byte can be written. They go to Spark's local directories (large, executor-owned disks on YARN
 * and Databricks), falling back to {@code java.io.tmpdir} outside an executor.
 */
final class SpillFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SpillFiles.class);

  private SpillFiles() {}

  /** A new private directory for one encoder's spill files. */
  static Path newDirectory() throws IOException {
    return Files.createTempDirectory(localDirectory(), "milvus-import-spill-");
  }

  /**
   * The first usable directory of those Spark gives its executors for scratch data, looked up the
   * way Spark does through public settings only: the cluster manager's environment ({@code
   * SPARK_EXECUTOR_DIRS} on standalone workers, {@code LOCAL_DIRS} on YARN, {@code
   * SPARK_LOCAL_DIRS}), then {@code spark.local.dir}, then {@code java.io.tmpdir}. (Spark's own
   * lookup, {@code Utils.getLocalDir}, is internal and changed its signature in Spark 4.1.)
   */
  static Path localDirectory() {
    SparkEnv env = SparkEnv.get();
    String configured = env == null ? null : env.conf().get("spark.local.dir", null);
    for (String candidates :
        new String[] {
          System.getenv("SPARK_EXECUTOR_DIRS"),
          System.getenv("LOCAL_DIRS"),
          System.getenv("SPARK_LOCAL_DIRS"),
          configured
        }) {
      Path usable = firstUsable(candidates);
      if (usable != null) {
        return usable;
      }
    }
    return Paths.get(System.getProperty("java.io.tmpdir"));
  }

  private static Path firstUsable(String directories) {
    if (directories == null) {
      return null;
    }
    for (String entry : directories.split(",|" + Pattern.quote(File.pathSeparator))) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        File dir = new File(trimmed);
        if (dir.isDirectory() && dir.canWrite()) {
          return dir.toPath();
        }
        LOG.debug("Spark local directory {} is not a writable directory; skipped", dir);
      }
    }
    return null;
  }

  /** Removes a spill directory and its files; a failure is logged, since the data is written. */
  static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    File[] files = directory.toFile().listFiles();
    if (files != null) {
      for (File file : files) {
        if (!file.delete()) {
          LOG.warn("Could not delete spill file {}", file);
        }
      }
    }
    if (!directory.toFile().delete()) {
      LOG.warn("Could not delete spill directory {}", directory);
    }
  }
}
