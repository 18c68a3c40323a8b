package io.milvusimport.format;

import java.io.IOException;
import java.io.OutputStream;

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
}
