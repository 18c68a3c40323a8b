package io.milvusimport.format;

import io.milvusimport.InvalidRowException;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.RowChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a row with a value Milvus would reject: the task fails naming field, row and
 * problem ({@code invalidRows=fail}), or the row is counted and left out ({@code skip}). Shared by
 * every format so the verdict and message do not depend on the format.
 */
final class RowRejections {
  private static final Logger LOG = LoggerFactory.getLogger(RowRejections.class);
  private static final int LOGGED_SKIPS = 5;

  private final int partition;
  private final boolean skipInvalid;
  private final SkippedRows skipped = new SkippedRows();

  RowRejections(int partition, boolean skipInvalid) {
    this.partition = partition;
    this.skipInvalid = skipInvalid;
  }

  /**
   * Records a rejected row; returns normally only when it is skipped.
   *
   * @throws InvalidRowException when invalid rows fail the write
   */
  void reject(ColumnBinding binding, ValueProblem problem, long rowIndex) {
    InvalidRowException error =
        RowChecks.invalid(binding, problem.getMessage(), problem.value(), partition, rowIndex);
    if (!skipInvalid) {
      throw error;
    }
    skipped.record("field '" + binding.key() + "': " + problem.reason());
    if (skipped.total() <= LOGGED_SKIPS) {
      LOG.warn("Skipping row (invalidRows=skip): {}", error.getMessage());
    }
  }

  SkippedRows skipped() {
    return skipped;
  }

  /** The problem of a null where the field takes none. */
  static ValueProblem nullInRequiredField() {
    return new ValueProblem(
        "null in a required field",
        "null is not allowed: the field is not nullable and has no default value",
        null);
  }
}
