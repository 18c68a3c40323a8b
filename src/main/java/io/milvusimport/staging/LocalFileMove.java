package io.milvusimport.staging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a complete local file into the staging directory, for parts an encoder has already written
 * to local disk in their final form. Copying such a file through {@link FileSystem#create} would
 * write every byte once more (and on S3A once more again, into S3A's upload block buffer):
 *
 * <ul>
 *   <li>local file system: {@link Files#move}, a rename on the same mount (a copy and delete across
 *       mounts, which {@code Files.move} does by itself);
 *   <li>any other file system: {@link FileSystem#copyFromLocalFile} with {@code delSrc}. S3A
 *       (Hadoop 3.3.4) uploads straight from the file (one PUT, or a multipart upload reading parts
 *       of the file) and then deletes it. It always probes the destination first (HEAD and LIST,
 *       whatever {@code overwrite} says), then PUTs and deletes parent directory markers: the
 *       requests of {@code create(path, false)} and close.
 * </ul>
 *
 * Neither replaces an existing file: since the probe is made anyway, refusing costs nothing.
 */
final class LocalFileMove {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileMove.class);

  private LocalFileMove() {}

  /** True when a move is a rename on local disk rather than an upload. */
  static boolean isLocal(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  static void move(FileSystem fs, java.nio.file.Path source, Path target) throws IOException {
    if (isLocal(fs)) {
      java.nio.file.Path destination = Paths.get(fs.makeQualified(target).toUri());
      Files.createDirectories(destination.getParent());
      Files.move(source, destination);
      LOG.debug("Moved {} to {}", source, destination);
    } else {
      fs.copyFromLocalFile(true, false, new Path(source.toUri()), target);
      LOG.debug("Uploaded {} to {} and deleted it", source, target);
    }
  }
}
