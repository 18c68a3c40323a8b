package io.milvusimport.staging;

import java.io.Serializable;

/** One closed staged file: what an executor reports to the driver about it. */
public final class StagedFile implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String uri;
  private final long rows;
  private final long bytes;

  public StagedFile(String uri, long rows, long bytes) {
    this.uri = uri;
    this.rows = rows;
    this.bytes = bytes;
  }

  /** The file's full Hadoop URI. */
  public String uri() {
    return uri;
  }

  public long rows() {
    return rows;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return uri + " (" + rows + " rows, " + bytes + " bytes)";
  }
}
