package io.milvusimport.staging;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One closed import file as Milvus counts them: a single JSON or Parquet file, or the set of {@code
 * .npy} files of one column group. It becomes one inner list of an import request, so the row count
 * and size are those of the whole group. This is all an executor reports about it. It crosses back
 * to the driver with {@code spark.serializer}, possibly Kryo, which cannot rebuild the JDK's
 * immutable lists: the paths are kept in a plain array.
 */
public final class StagedFile implements Serializable {
  private static final long serialVersionUID = 3L;

  private final String[] uris;
  private final long rows;
  private final long bytes;

  public StagedFile(List<String> uris, long rows, long bytes) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("an import file needs at least one path");
    }
    this.uris = uris.toArray(new String[0]);
    this.rows = rows;
    this.bytes = bytes;
  }

  /** The full Hadoop URIs of the file's parts: one, or one per field of a column group. */
  public List<String> uris() {
    return Collections.unmodifiableList(Arrays.asList(uris));
  }

  public long rows() {
    return rows;
  }

  /** Bytes of all parts together: what Milvus checks against its per-file limit. */
  public long bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    String name = uris.length == 1 ? uris[0] : uris[0] + " (+" + (uris.length - 1) + ")";
    return name + " (" + rows + " rows, " + bytes + " bytes)";
  }
}
