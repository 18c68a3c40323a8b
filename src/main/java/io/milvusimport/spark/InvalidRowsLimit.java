package io.milvusimport.spark;

import io.milvusimport.InvalidRowException;
import io.milvusimport.connect.OptionValues;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * How many rows {@code invalidRows=skip} may leave out before the write fails ({@code
 * maxInvalidRows}), as a count or as a fraction of the rows seen, like other loaders' max bad
 * records. Without it a write whose rows are all invalid "succeeds" with nothing imported. Decided
 * on the driver once every task staged its rows, before any import job exists.
 */
final class InvalidRowsLimit implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default: 1 % of the rows seen. */
  static final String DEFAULT = "0.01";

  private final String text;
  private final long count;
  private final double fraction;

  private InvalidRowsLimit(String text, long count, double fraction) {
    this.text = text;
    this.count = count;
    this.fraction = fraction;
  }

  /** {@code 100} (rows), {@code 0.05} or {@code 5%} (of the rows seen); null for the default. */
  static InvalidRowsLimit parse(String value) {
    String text = value == null ? DEFAULT : value.trim();
    String accepted =
        "a number of rows (0, 100, ...) or a fraction of the rows from 0 to 1 (0.01 or 1%)";
    try {
      if (text.endsWith("%")) {
        BigDecimal percent = new BigDecimal(text.substring(0, text.length() - 1).trim());
        return fraction(value, text, percent.movePointLeft(2), accepted);
      }
      if (text.contains(".") || text.toLowerCase(Locale.ROOT).contains("e")) {
        return fraction(value, text, new BigDecimal(text), accepted);
      }
      long rows = Long.parseLong(text);
      if (rows < 0) {
        throw OptionValues.invalid(OptionKeys.MAX_INVALID_ROWS, value, accepted);
      }
      return new InvalidRowsLimit(text, rows, -1);
    } catch (NumberFormatException e) {
      throw OptionValues.invalid(OptionKeys.MAX_INVALID_ROWS, value, accepted);
    }
  }

  private static InvalidRowsLimit fraction(
      String value, String text, BigDecimal fraction, String accepted) {
    if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
      throw OptionValues.invalid(OptionKeys.MAX_INVALID_ROWS, value, accepted);
    }
    return new InvalidRowsLimit(text, -1, fraction.doubleValue());
  }

  /** The most rows that may be skipped out of {@code seen} (staged plus skipped). */
  long allowed(long seen) {
    return count >= 0 ? count : (long) Math.floor(fraction * seen);
  }

  /**
   * Throws when more rows were skipped than allowed.
   *
   * @param staged rows staged for import
   * @param skipped rows left out
   */
  void check(String writeId, long staged, long skipped, Map<String, Long> reasons) {
    long seen = staged + skipped;
    if (skipped == 0 || skipped <= allowed(seen)) {
      return;
    }
    throw new InvalidRowException(
        String.format(
            Locale.ROOT,
            "Write %s: %d of %d rows (%.2f%%) were invalid and skipped (invalidRows=skip), more"
                + " than option 'maxInvalidRows' (%s) allows. Nothing was imported, and the staged"
                + " files are deleted unless keepStagedFiles is set. Skipped per field and reason: %s. Fix those rows, or raise"
                + " 'maxInvalidRows' (a count such as 1000, or a fraction such as 0.05 or 5%%).",
            writeId,
            skipped,
            seen,
            100.0 * skipped / seen,
            text,
            reasons));
  }

  @Override
  public String toString() {
    return text;
  }
}
