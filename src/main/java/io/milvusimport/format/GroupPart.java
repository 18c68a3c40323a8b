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

  /** Writes the part's file for the current group and empties it for the next one. */
  void writeTo(ImportFileOutput group) throws IOException;

  /** Releases the spill file. */
  void close() throws IOException;
}
