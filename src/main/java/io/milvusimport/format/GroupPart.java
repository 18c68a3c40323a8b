package io.milvusimport.format;

import java.io.IOException;

/**
 * One file of a column group: it takes its column(s) of every row, spilled locally, and writes the
 * finished file when the group closes. A NumPy column is one part; the seed design's column JSON
 * file is one part holding every scalar column.
 */
interface GroupPart {
  void append(ColumnSlot[] row) throws IOException;

  /** The size the part's file will have if no further row arrives. */
  long bytes();

  /**
   * The size the part's file would have with {@code row} appended as well, so a group can end
   * before a row that would take it past the file size limit. This default leaves the row out: a
   * part whose rows add only their own bytes overshoots by one row at most.
   */
  default long bytesWith(ColumnSlot[] row) {
    return bytes();
  }

  /** Writes the part's file for the current group and empties it for the next one. */
  void writeTo(ImportFileOutput group) throws IOException;

  /** Releases the spill file. */
  void close() throws IOException;
}
