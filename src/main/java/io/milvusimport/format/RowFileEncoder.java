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
   * @param rowIndex the row's index within the task's partition, for error messages
   * @return false when the row was invalid and skipped ({@code invalidRows=skip})
   * @throws io.milvusimport.InvalidRowException when the row is invalid and not skipped
   */
  boolean write(InternalRow row, long rowIndex) throws IOException;

  /** Rows skipped so far, over all files of this encoder. */
  SkippedRows skipped();

  /** Bytes of the current file so far, including buffered ones. */
  long bytes();

  /** Completes and closes the current file. */
  void finish() throws IOException;
}
