package io.milvusimport.schema;

import io.milvusimport.InvalidRowException;

/**
 * Builds the executor-side error for a value Milvus would reject: field, problem, a short rendering
 * of the value, and where the row is, so the user can find it in their data.
 */
public final class RowChecks {
  private static final int MAX_RENDERED = 80;

  private RowChecks() {}

  /**
   * @param partition the Spark partition being written
   * @param row the row's index within that partition, from 0
   */
  public static InvalidRowException invalid(
      ColumnBinding binding, String problem, String value, int partition, long row) {
    MilvusField field = binding.field();
    String target =
        field == null
            ? "dynamic field key '" + binding.key() + "'"
            : "field '" + field.name() + "' (" + field.typeName() + ")";
    String column =
        binding.column().equals(binding.key()) ? "" : " from column '" + binding.column() + "'";
    return new InvalidRowException(
        "Invalid value for "
            + target
            + column
            + " in Spark partition "
            + partition
            + ", row "
            + row
            + ": "
            + problem
            + (value == null ? "" : "; value: " + shorten(value)));
  }

  /** A value rendering no longer than a log line can bear. */
  public static String shorten(String value) {
    return value.length() <= MAX_RENDERED ? value : value.substring(0, MAX_RENDERED - 3) + "...";
  }
}
