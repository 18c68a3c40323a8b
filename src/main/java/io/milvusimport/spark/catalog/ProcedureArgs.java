package io.milvusimport.spark.catalog;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.connect.OptionValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The arguments of one procedure call, read by parameter name from the row Spark hands over (in the
 * order of the procedure's parameters, defaults filled in).
 */
final class ProcedureArgs {
  private final String procedure;
  private final List<ProcedureParam> params;
  private final InternalRow row;

  ProcedureArgs(String procedure, List<ProcedureParam> params, InternalRow row) {
    this.procedure = procedure;
    this.params = params;
    this.row = row;
  }

  /** The text argument, or null when it is SQL NULL. */
  String text(String name) {
    int i = index(name);
    return row.isNullAt(i) ? null : row.getUTF8String(i).toString();
  }

  /** The text argument, or {@code fallback} when it is SQL NULL or blank. */
  String text(String name, String fallback) {
    String value = text(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * The text argument, which must be given.
   *
   * @throws InvalidOptionException naming the procedure and the argument when it is NULL or blank
   */
  String requiredText(String name) {
    String value = text(name);
    if (value == null || value.isBlank()) {
      throw new InvalidOptionException(
          "Argument '" + name + "' of procedure " + procedure + " is required and was empty.");
    }
    return value;
  }

  boolean bool(String name) {
    int i = index(name);
    return !row.isNullAt(i) && row.getBoolean(i);
  }

  /**
   * A duration argument written as the options write them ({@code 30s}, {@code 1h}, ...).
   *
   * @throws InvalidOptionException naming the argument, the value and what is accepted
   */
  Duration duration(String name, Duration fallback, Duration min) {
    String value = text(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return new OptionValues(Map.of(name, value)).duration(name, fallback, min);
  }

  private int index(String name) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name.equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("Procedure " + procedure + " has no parameter " + name);
  }
}
