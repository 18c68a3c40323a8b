package io.milvusimport.format;

import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;

/** Encodes the rows of one staged file in one Milvus import format. Not thread-safe. */
public interface RowFileEncoder {
  /**
   * Starts a new import file whose parts the encoder creates through {@code out}; it owns and
   * closes them in {@link #finish()}.
   */
  void start(ImportFileOutput out) throws IOException;

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

  /**
   * Bytes the current import file will take once finished, so far: buffered bytes included, and for
   * a column group the size of all its parts.
   */
  long bytes();

  /** Completes and closes the current import file. */
  void finish() throws IOException;

  /**
   * Releases local resources (open streams, spill files), after the last file or after a failure
   * that left the current file unfinished.
   */
  default void close() {}
}
