package io.milvusimport.staging;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parts on a Hadoop file system (S3A, HDFS, the local one), under the staging directory. Streamed
 * parts are created with {@code overwrite=true} and sized by the stream (no HEAD after close);
 * complete local parts are moved in ({@link LocalFileMove}). On an object store both overlap, a few
 * at a time ({@link PartUploads}): moves run on the pool, and so does the close of a streamed part
 * ({@link BackgroundClose}), where S3A makes its PUT.
 */
final class HadoopPartSink implements PartSink {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopPartSink.class);

  /** S3A's builder option for a create without probes or marker cleanup (3.3.5+). */
  static final String CREATE_PERFORMANCE = "fs.s3a.create.performance";

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
    if (uploads == null) {
      // overwrite=true: the name is this attempt's own, so there is nothing to check for.
      FSDataOutputStream out = fs.create(path(name), true);
      // getPos() counts the bytes written through the stream, and still answers after close.
      return new Streamed(out, out::getPos);
    }
    FSDataOutputStream out = createOnObjectStore(path(name));
    return new Streamed(new BackgroundClose(out, uploads), out::getPos);
  }

  /**
   * Creates a part on an object store with as few requests as the store's client allows. With
   * {@code overwrite=true} S3A skips the HEAD for an existing file; {@link #CREATE_PERFORMANCE}
   * (S3A 3.3.5+, an optional key other file systems and older S3A ignore) also skips the LIST for a
   * directory of that name and the bulk DELETE of parent directory markers after the PUT, which
   * leaves a part costing its PUT alone. Both are safe because part names are unique per attempt
   * and staging never creates directory markers of its own; a marker the user made above the
   * staging path stays where S3A would otherwise delete it, which Hadoop 3.2.2+ and 3.3.1+ read
   * correctly.
   */
  private FSDataOutputStream createOnObjectStore(Path part) throws IOException {
    FSDataOutputStreamBuilder<?, ?> builder = fs.createFile(part).overwrite(true).recursive();
    builder.opt(CREATE_PERFORMANCE, true);
    return builder.build();
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
