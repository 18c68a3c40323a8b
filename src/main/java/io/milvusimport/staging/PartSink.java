package io.milvusimport.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where a {@link RollingFileWriter} puts one task attempt's parts, named relative to the staging
 * directory ({@code part-...-00000.json}, {@code part-...-00000/id.npy}): a Hadoop file system
 * ({@link HadoopPartSink}, the default) or a Zilliz Cloud volume ({@link VolumePartSink}). The
 * writer decides names, rolling and what a file's parts are; the sink only stores bytes, says where
 * they went and cleans up what it can.
 */
public interface PartSink {
  /** A part being streamed in, and its size in bytes (known once the stream is closed). */
  final class Streamed {
    final OutputStream out;
    final LongSupplier size;

    public Streamed(OutputStream out, LongSupplier size) {
      this.out = out;
      this.size = size;
    }
  }

  /** Creates the part {@code name}, replacing nothing of another attempt (names are unique). */
  Streamed create(String name) throws IOException;

  /** Takes over a complete local file as the part {@code name}; it may upload in the background. */
  void place(String name, java.nio.file.Path localFile) throws IOException;

  /** Waits for every upload started so far; throws the first failure once all have ended. */
  void awaitUploads() throws IOException;

  /** Waits out every upload under way, also on an interrupted thread; never throws. */
  void endUploads();

  /** Removes the parts of a file that ended with no rows. */
  void deleteEmpty(List<String> names) throws IOException;

  /**
   * Removes what a failed attempt created ({@code names}: single parts, or a column group's
   * directory), after {@link #endUploads}; failures are logged, not thrown.
   */
  void discard(List<String> names);

  /** The address of a part for {@link StagedFile#uris()}. */
  String address(String name);

  /** Releases what the sink holds (its own file system, local spill files). */
  void close();
}
