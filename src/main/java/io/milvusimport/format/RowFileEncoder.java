package io.milvusimport.format;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.spark.sql.catalyst.InternalRow;

/** Encodes the rows of one staged file in one Milvus import format. Not thread-safe. */
public interface RowFileEncoder {
  /** The file extension Milvus picks its reader by, with the dot. */
  String extension();

  /** Starts a new file on {@code out}; the encoder owns and closes it in {@link #finish()}. */
  void start(OutputStream out) throws IOException;

  /**
   * Checks and encodes one row.
   *
   * @param row the row's index within the task's partition, for error messages
   */
  void write(InternalRow row, long rowIndex) throws IOException;

  /** Bytes of the current file so far, including buffered ones. */
  long bytes();

  /** Completes and closes the current file. */
  void finish() throws IOException;
}
