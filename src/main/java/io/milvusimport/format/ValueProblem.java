package io.milvusimport.format;

/**
 * A value Milvus would reject, raised deep inside a value writer and turned into an {@code
 * InvalidRowException} (field, partition, row) by the row encoder. No stack trace: it is a verdict
 * on data, and skipped rows may raise many of them.
 */
final class ValueProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final String value;

  /**
   * @param reason a short category for counting skipped rows, e.g. "wrong vector dimension"
   * @param detail the full sentence for the user
   * @param value a rendering of the value, or null
   */
  ValueProblem(String reason, String detail, String value) {
    super(detail, null, false, false);
    this.reason = reason;
    this.value = value;
  }

  String reason() {
    return reason;
  }

  String value() {
    return value;
  }
}
