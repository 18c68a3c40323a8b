package io.milvusimport.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an encoder creates the parts of the import file it is writing. The staging side decides the
 * file's base name and remembers every part, so a failed task can delete exactly what it created.
 */
public interface ImportFileOutput {
  /**
   * Creates one part of the current import file.
   *
   * @param suffix appended to the file's base name: an extension such as {@code .json} for a
   *     single-file format, or {@code /<field>.npy} for a part of a column group
   */
  OutputStream create(String suffix) throws IOException;

  /**
   * Makes a finished local file one part of the current import file, taking the file over: it no
   * longer exists at {@code localFile} afterwards. An encoder that already has a part's exact bytes
   * on local disk uses this instead of {@link #create} so the staging side can move or upload the
   * file as it is rather than copy it through a stream. This default copies through {@link
   * #create}.
   *
   * @param suffix as for {@link #create}
   * @param localFile a complete file on the local file system
   */
  default void place(String suffix, Path localFile) throws IOException {
    try (OutputStream out = create(suffix)) {
      Files.copy(localFile, out);
    }
    Files.delete(localFile);
  }

  /**
   * Before a checked row is added: when the current import file with that row would take {@code
   * bytesWithRow} bytes, more than the file size limit, and already holds rows, finishes it (the
   * encoder's {@link RowFileEncoder#finish}) and starts the next ({@link RowFileEncoder#start}), so
   * the row opens the next file instead. This default never rolls.
   *
   * @return whether a new file was started
   */
  default boolean rollIfOver(long bytesWithRow) throws IOException {
    return false;
  }
}
