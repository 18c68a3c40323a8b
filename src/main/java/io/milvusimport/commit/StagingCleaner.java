package io.milvusimport.commit;

import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagingFileSystem;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a write's staging directory. Best effort: a failure is logged, never thrown. */
final class StagingCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(StagingCleaner.class);

  private StagingCleaner() {}

  /** Deletes through the write's file system ({@link StagingFileSystem}). */
  static boolean delete(HadoopConf conf, String directoryUri) {
    try (StagingFileSystem staging = StagingFileSystem.open(conf, directoryUri)) {
      return delete(staging.get(), directoryUri);
    } catch (IOException | RuntimeException e) {
      return failed(directoryUri, e);
    }
  }

  private static boolean delete(FileSystem fs, String directoryUri) {
    Path directory = new Path(directoryUri);
    try {
      boolean deleted = fs.delete(directory, true);
      LOG.info("Deleted staged files under {}", directoryUri);
      return deleted || !fs.exists(directory);
    } catch (IOException | RuntimeException e) {
      return failed(directoryUri, e);
    }
  }

  private static boolean failed(String directoryUri, Exception e) {
    LOG.warn(
        "Could not delete staged files under {} ({}); delete the directory by hand",
        directoryUri,
        e.toString());
    return false;
  }
}
