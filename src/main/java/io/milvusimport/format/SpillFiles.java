package io.milvusimport.format;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local scratch files for the column formats, which must know a column's length before its first
 * byte can be written. They go to Spark's local directories (large, executor-owned disks on YARN
 * and Databricks), falling back to {@code java.io.tmpdir} outside an executor.
 *
 * <p>The directories are found as Spark itself finds them (YARN's {@code LOCAL_DIRS}, then {@code
 * SPARK_EXECUTOR_DIRS}, {@code SPARK_LOCAL_DIRS}, {@code spark.local.dir}), from the environment
 * and the public {@code SparkConf}: Spark's internal helper for this changed its signature in Spark
 * 4.2, and one jar serves every Spark line. Public for staging sinks that spill parts before
 * uploading them (a volume's).
 */
public final class SpillFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SpillFiles.class);

  private SpillFiles() {}

  /** A new private directory for one encoder's spill files. */
  public static Path newDirectory() throws IOException {
    SparkEnv env = SparkEnv.get();
    String sparkLocalDir = env == null ? null : env.conf().get("spark.local.dir", null);
    List<Path> roots = localRoots(System.getenv(), sparkLocalDir);
    int start = roots.size() > 1 ? ThreadLocalRandom.current().nextInt(roots.size()) : 0;
    for (int i = 0; i < roots.size(); i++) {
      Path root = roots.get((start + i) % roots.size());
      try {
        return Files.createTempDirectory(Files.createDirectories(root), "milvus-import-spill-");
      } catch (IOException | RuntimeException e) {
        LOG.debug("Cannot spill under {}; trying the next local directory", root, e);
      }
    }
    return Files.createTempDirectory(
        Paths.get(System.getProperty("java.io.tmpdir")), "milvus-import-spill-");
  }

  /**
   * The local root directories in Spark's order of precedence (Spark spreads its own files over
   * them at random, as {@link #newDirectory()} does); empty when none is configured.
   */
  static List<Path> localRoots(Map<String, String> env, String sparkLocalDir) {
    String dirs;
    String separator = ",";
    if (env.get("CONTAINER_ID") != null && env.get("LOCAL_DIRS") != null) {
      dirs = env.get("LOCAL_DIRS");
    } else if (env.get("SPARK_EXECUTOR_DIRS") != null) {
      dirs = env.get("SPARK_EXECUTOR_DIRS");
      separator = File.pathSeparator;
    } else if (env.get("SPARK_LOCAL_DIRS") != null) {
      dirs = env.get("SPARK_LOCAL_DIRS");
    } else {
      dirs = sparkLocalDir;
    }
    List<Path> roots = new ArrayList<>();
    if (dirs != null) {
      for (String dir : dirs.split(Pattern.quote(separator))) {
        if (!dir.isBlank()) {
          roots.add(Paths.get(dir.trim()));
        }
      }
    }
    return roots;
  }

  /** Removes a spill directory and its files; a failure is logged, since the data is written. */
  public static void delete(Path directory) {
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
