package io.milvusimport.commit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes a write's {@code _manifest.json} next to its staged files. Each save replaces
 * the whole file (one PUT on S3), so a reader sees either the old or the new manifest.
 */
final class ManifestStore {
  private final Configuration conf;
  private final Path path;
  private int saves;
  private long saveNanos;

  ManifestStore(Configuration conf, String writeDirectory) {
    this.conf = conf;
    this.path = new Path(writeDirectory, WriteManifest.FILE_NAME);
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

  synchronized void save(WriteManifest manifest) {
    long started = System.nanoTime();
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream out = fs.create(path, true)) {
        out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not write the write manifest " + path, e);
    } finally {
      saves++;
      saveNanos += System.nanoTime() - started;
    }
  }

  /** The manifest, or null when the write left none (it never reached its commit). */
  WriteManifest load() {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return null;
      }
      try (InputStream in = fs.open(path)) {
        return WriteManifest.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not read the write manifest " + path, e);
    }
  }
}
