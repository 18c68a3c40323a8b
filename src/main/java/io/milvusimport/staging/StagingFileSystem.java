package io.milvusimport.staging;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file system staging works with, and whether this write owns it. Hadoop's {@code
 * Path.getFileSystem} hands out one cached instance per scheme, bucket and user for the whole JVM,
 * built from whichever configuration asked first: once a session has used a bucket, {@code fs.*}
 * write options (another endpoint, other credentials) would be silently ignored. So a write that
 * sets {@code fs.*} options gets an instance of its own ({@link FileSystem#newInstance}), closed
 * when the task or the commit is done; other writes use the cached one, which costs nothing.
 *
 * <p>On a checksummed file system (the local one) staging writes through the raw file system
 * underneath: import files need no {@code .crc} sidecars, and turning checksums off on the shared
 * instance would silently stop them for every other job in the JVM.
 */
public final class StagingFileSystem implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(StagingFileSystem.class);

  private final FileSystem fs;
  private final FileSystem owned;

  private StagingFileSystem(FileSystem fs, FileSystem owned) {
    this.fs = fs;
    this.owned = owned;
  }

  /** Opens the file system of {@code uri} with the write's configuration. */
  public static StagingFileSystem open(HadoopConf conf, String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem owned =
        conf.hasWriteOptions() ? FileSystem.newInstance(path.toUri(), conf.get()) : null;
    FileSystem fs = owned != null ? owned : path.getFileSystem(conf.get());
    if (fs instanceof ChecksumFileSystem) {
      fs = ((ChecksumFileSystem) fs).getRawFileSystem();
    }
    return new StagingFileSystem(fs, owned);
  }

  public FileSystem get() {
    return fs;
  }

  /** Closes the instance if this write opened it; the shared one stays open for others. */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (IOException e) {
        LOG.debug("Closing the write's own file system failed", e);
      }
    }
  }
}
