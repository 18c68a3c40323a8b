package io.milvusimport.commit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes a write's manifest next to its staged files: the file list once, then the job
 * part after each change. Each save replaces the whole file (one PUT on S3), so a reader sees
 * either the old or the new manifest; the file list is written before the first job part, so a job
 * part never points at a missing list.
 */
final class ManifestStore {
  private final Configuration conf;
  private final FileSystem fileSystem;
  private final Path path;
  private final Path filesPath;
  private boolean filesSaved;
  private long savedChanges = -1;
  private int saves;
  private long saveNanos;

  ManifestStore(Configuration conf, String writeDirectory) {
    this(conf, null, writeDirectory);
  }

  /** A store writing through {@code fileSystem} (the write's, {@code StagingFileSystem}). */
  ManifestStore(FileSystem fileSystem, String writeDirectory) {
    this(null, fileSystem, writeDirectory);
  }

  private ManifestStore(Configuration conf, FileSystem fileSystem, String writeDirectory) {
    this.conf = conf;
    this.fileSystem = fileSystem;
    this.path = new Path(writeDirectory, WriteManifest.FILE_NAME);
    this.filesPath = new Path(writeDirectory, WriteManifest.FILES_NAME);
  }

  String location() {
    return path.toString();
  }

  /** How many times the manifest was written. */
  synchronized int saves() {
    return saves;
  }

  /** Time spent writing the manifest, in milliseconds. */
  synchronized long saveMillis() {
    return saveNanos / 1_000_000;
  }

  /** Writes the manifest unless it has not changed since this store last wrote it. */
  synchronized void save(WriteManifest manifest) {
    long changes = manifest.changes();
    if (changes == savedChanges) {
      return;
    }
    long started = System.nanoTime();
    try {
      FileSystem fs = fileSystem();
      if (!filesSaved) {
        write(fs, filesPath, manifest.filesJson());
        filesSaved = true;
      }
      write(fs, path, manifest.toJson());
      savedChanges = changes;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not write the write manifest " + path, e);
    } finally {
      saves++;
      saveNanos += System.nanoTime() - started;
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

  /** The manifest, or null when the write left none (it never reached its commit). */
  WriteManifest load() {
    try {
      FileSystem fs = fileSystem();
      if (!fs.exists(path)) {
        return null;
      }
      WriteManifest manifest = WriteManifest.fromJson(read(fs, path), read(fs, filesPath));
      synchronized (this) {
        filesSaved = true;
      }
      return manifest;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not read the write manifest " + path, e);
    }
  }

  private static String read(FileSystem fs, Path source) throws IOException {
    try (InputStream in = fs.open(source)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
