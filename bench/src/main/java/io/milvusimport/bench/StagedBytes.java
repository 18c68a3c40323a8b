package io.milvusimport.bench;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Data files under a directory and their bytes, leaving out what is not data: names starting with
 * {@code _} (markers, manifests) or {@code .} (local checksum files), so every writer is counted
 * the same way.
 */
final class StagedBytes {
  final long bytes;
  final int files;

  private StagedBytes(long bytes, int files) {
    this.bytes = bytes;
    this.files = files;
  }

  static StagedBytes under(Configuration conf, String directory) throws IOException {
    Path root = new Path(directory);
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      return new StagedBytes(0, 0);
    }
    long bytes = 0;
    int files = 0;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus status = it.next();
      String name = status.getPath().getName();
      if (!name.startsWith("_") && !name.startsWith(".")) {
        bytes += status.getLen();
        files++;
      }
    }
    return new StagedBytes(bytes, files);
  }

  static void delete(Configuration conf, String directory) throws IOException {
    Path root = new Path(directory);
    root.getFileSystem(conf).delete(root, true);
  }
}
