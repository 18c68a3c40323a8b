package io.milvusimport.commit;

import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes a write's manifest next to its staged files: the file list once, then the job
 * part after each change. Each save replaces the whole file (one PUT on S3), so a reader sees
 * either the old or the new manifest; the file list is written before the first job part, so a job
 * part never points at a missing list. A failed write or read is repeated like any transient fault
 * (the object store may be briefly unavailable); when it keeps failing, {@link ManifestIoException}
 * says so, and the caller decides what that means for the write.
 */
final class ManifestStore {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestStore.class);

  private final Configuration conf;
  private final RetryPolicy retry;
  private final FileSystem fileSystem;
  private final Path path;
  private final Path filesPath;
  private boolean filesSaved;
  private long savedChanges = -1;
  private int saves;
  private long saveNanos;

  ManifestStore(Configuration conf, String writeDirectory) {
    this(conf, null, writeDirectory, RetryPolicy.none());
  }

  /**
   * @param retry how often and how patiently a failed manifest write or read is repeated
   */
  ManifestStore(Configuration conf, String writeDirectory, RetryPolicy retry) {
    this(conf, null, writeDirectory, retry);
  }

  /**
   * A store writing through {@code fileSystem} (the write's, {@code StagingFileSystem}).
   *
   * @param retry how often and how patiently a failed manifest write or read is repeated
   */
  ManifestStore(FileSystem fileSystem, String writeDirectory, RetryPolicy retry) {
    this(null, fileSystem, writeDirectory, retry);
  }

  private ManifestStore(
      Configuration conf, FileSystem fileSystem, String writeDirectory, RetryPolicy retry) {
    this(conf, fileSystem, writeDirectory, retry, false);
  }

  private ManifestStore(
      Configuration conf,
      FileSystem fileSystem,
      String writeDirectory,
      RetryPolicy retry,
      boolean inMemory) {
    this.inMemory = inMemory;
    this.conf = conf;
    this.fileSystem = fileSystem;
    this.retry = retry;
    this.path = inMemory ? null : new Path(writeDirectory, WriteManifest.FILE_NAME);
    this.filesPath = inMemory ? null : new Path(writeDirectory, WriteManifest.FILES_NAME);
  }

  /**
   * A store that keeps nothing but the save counts: for a write staged into a Zilliz Cloud volume
   * without option {@code manifestPath} (the volume's credentials cannot read a manifest back), so
   * an unknown outcome is reported with the job ids instead of a resume.
   */
  static ManifestStore inMemory() {
    return new ManifestStore(null, null, null, RetryPolicy.none(), true);
  }

  private final boolean inMemory;

  /** Where the manifest is kept: a Hadoop path, or {@code memory}. */
  String location() {
    return inMemory ? "memory" : path.toString();
  }

  /** True when the manifest is not written anywhere ({@link #inMemory}). */
  boolean inMemoryOnly() {
    return inMemory;
  }

  /** How many times the manifest was written. */
  synchronized int saves() {
    return saves;
  }

  /** Time spent writing the manifest, in milliseconds. */
  synchronized long saveMillis() {
    return saveNanos / 1_000_000;
  }

  /** The manifest could not be written or read, even after retries. */
  static final class ManifestIoException extends MilvusImportException {
    private static final long serialVersionUID = 1L;

    ManifestIoException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Writes the manifest unless it has not changed since this store last wrote it.
   *
   * @throws ManifestIoException when the write keeps failing
   */
  synchronized void save(WriteManifest manifest) {
    long changes = manifest.changes();
    if (changes == savedChanges) {
      return;
    }
    if (inMemory) {
      savedChanges = changes;
      return;
    }
    long started = System.nanoTime();
    try {
      withRetries(
          "write",
          () -> {
            FileSystem fs = fileSystem();
            if (!filesSaved) {
              write(fs, filesPath, manifest.filesJson());
              filesSaved = true;
            }
            write(fs, path, manifest.toJson());
            return null;
          });
      savedChanges = changes;
    } finally {
      saves++;
      saveNanos += System.nanoTime() - started;
    }
  }

  /**
   * Writes the manifest when it can, on paths that already fail for another reason: a failure is
   * logged, never thrown, so it cannot hide the first one. Returns whether it was written.
   */
  boolean trySave(WriteManifest manifest) {
    try {
      save(manifest);
      return true;
    } catch (MilvusImportException e) {
      LOG.warn("Write {}: {}", manifest.writeId, e.getMessage());
      return false;
    }
  }

  private <T> T withRetries(String what, RetryPolicy.IoStep<T> step) {
    try {
      return retry.io("Could not " + what + " the write manifest " + path + ":", step);
    } catch (IOException | RuntimeException e) {
      if (e instanceof MilvusImportException && e.getCause() instanceof InterruptedException) {
        throw (MilvusImportException) e; // interrupted between attempts: not a storage failure
      }
      throw new ManifestIoException(
          "Could not " + what + " the write manifest " + path + ": " + e, e);
    }
  }

  private FileSystem fileSystem() throws IOException {
    return fileSystem != null ? fileSystem : path.getFileSystem(conf);
  }

  private static void write(FileSystem fs, Path target, String json) throws IOException {
    try (OutputStream out = fs.create(target, true)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The manifest, or null when the write left none (it never reached its commit, or it completed).
   *
   * @throws ManifestIoException when it cannot be read
   */
  WriteManifest load() {
    if (inMemory) {
      return null;
    }
    WriteManifest manifest =
        withRetries(
            "read",
            () -> {
              FileSystem fs = fileSystem();
              if (!fs.exists(path)) {
                return null;
              }
              return WriteManifest.fromJson(read(fs, path), read(fs, filesPath));
            });
    if (manifest != null) {
      synchronized (this) {
        filesSaved = true;
      }
    }
    return manifest;
  }

  private static String read(FileSystem fs, Path source) throws IOException {
    try (InputStream in = fs.open(source)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
