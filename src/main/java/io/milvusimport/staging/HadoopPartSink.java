package io.milvusimport.staging;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parts on a Hadoop file system (S3A, HDFS, the local one), under the staging directory. Streamed
 * parts are created with {@code overwrite=true} and sized by the stream (no HEAD after close);
 * complete local parts are moved in ({@link LocalFileMove}), a few at a time on an object store
 * ({@link PartUploads}).
 */
final class HadoopPartSink implements PartSink {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopPartSink.class);

  private final StagingFileSystem staging;
  private final FileSystem fs;
  private final Path directory;

  /** Moves of complete parts to an object store, overlapped; null on the local file system. */
  private final PartUploads uploads;

  HadoopPartSink(HadoopConf conf, String directoryUri, int partition) throws IOException {
    this.directory = new Path(directoryUri);
    this.staging = StagingFileSystem.open(conf, directoryUri);
    this.fs = staging.get();
    this.uploads =
        LocalFileMove.isLocal(fs) ? null : new PartUploads("milvus-import-upload-" + partition);
  }

  @Override
  public Streamed create(String name) throws IOException {
    // overwrite=true saves S3A's HEAD for an existing file; the name is this attempt's own.
    FSDataOutputStream out = fs.create(path(name), true);
    // getPos() counts the bytes written through the stream, and still answers after close.
    return new Streamed(out, out::getPos);
  }

  @Override
  public void place(String name, java.nio.file.Path localFile) throws IOException {
    Path part = path(name);
    if (uploads == null) {
      LocalFileMove.move(fs, localFile, part);
    } else {
      uploads.submit(localFile, upload -> LocalFileMove.move(fs, upload, part));
    }
  }

  @Override
  public void awaitUploads() throws IOException {
    if (uploads != null) {
      uploads.awaitAll();
    }
  }

  @Override
  public void endUploads() {
    if (uploads != null) {
      uploads.close();
    }
  }

  @Override
  public void deleteEmpty(List<String> names) throws IOException {
    for (String name : names) {
      fs.delete(path(name), false);
    }
  }

  @Override
  public void discard(List<String> names) {
    for (String name : names) {
      try {
        fs.delete(path(name), true);
      } catch (IOException e) {
        LOG.warn(
            "Could not delete staged file {} of an aborted task: {}", path(name), e.toString());
      }
    }
  }

  @Override
  public String address(String name) {
    return fs.makeQualified(path(name)).toString();
  }

  @Override
  public void close() {
    staging.close();
  }

  private Path path(String name) {
    return new Path(directory, name);
  }
}
