package io.milvusimport.format;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
    Path parent = Paths.get(System.getProperty("java.io.tmpdir"));
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      try {
        parent = Paths.get(org.apache.spark.util.Utils.getLocalDir(env.conf()));
      } catch (RuntimeException e) {
        LOG.debug("No Spark local directory; spilling to {}", parent, e);
      }
    }
    return Files.createTempDirectory(parent, "milvus-import-spill-");
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
