package io.milvusimport.commit;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a write's staging directory. Best effort: a failure is logged, never thrown. */
final class StagingCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(StagingCleaner.class);

  private StagingCleaner() {}

  static boolean delete(Configuration conf, String directoryUri) {
    Path directory = new Path(directoryUri);
    try {
      FileSystem fs = directory.getFileSystem(conf);
      boolean deleted = fs.delete(directory, true);
      LOG.info("Deleted staged files under {}", directoryUri);
      return deleted || !fs.exists(directory);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Could not delete staged files under {} ({}); delete the directory by hand",
          directoryUri,
          e.toString());
      return false;
    }
  }
}
