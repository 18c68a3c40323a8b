package io.milvusimport.connect;

import io.milvusimport.InvalidOptionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of raw option strings; every error names the option, the value and what is accepted.
 * Shared by the writer's options and the Spark-free connection settings, so both word their errors
 * alike.
 */
public final class OptionValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)b?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private final Map<String, String> raw;

  /** {@code raw} must already have lower-case keys. */
  public OptionValues(Map<String, String> raw) {
    this.raw = raw;
  }

  public String optional(String key) {
    String value = raw.get(key.toLowerCase(Locale.ROOT));
    return value == null || value.isBlank() ? null : value.trim();
  }

  public String required(String key, String what) {
    String value = optional(key);
    if (value == null) {
      throw new InvalidOptionException(
          "Option '"
              + key
              + "' is required: "
              + what
              + ". Set it with .option(\""
              + key
              + "\", ...)");
    }
    return value;
  }

  public String text(String key, String defaultValue) {
    String value = optional(key);
    return value == null ? defaultValue : value;
  }

  public boolean bool(String key, boolean defaultValue) {
    String value = optional(key);
    if (value == null) {
      return defaultValue;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw invalid(key, value, "true or false");
    }
  }

  public int integer(String key, int defaultValue, int min, int max) {
    String value = optional(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "an integer from " + min + " to " + max);
  }

  /** Sizes such as {@code 1g}, {@code 512m}, {@code 64kb} or plain bytes; binary multiples. */
  public long bytes(String key, long defaultValue, long min, long max, String limitNote) {
    String value = optional(key);
    if (value == null) {
      return defaultValue;
    }
    Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    String accepted =
        "a size from " + human(min) + " to " + human(max) + " such as 512m or 1g" + limitNote;
    if (!m.matches()) {
      throw invalid(key, value, accepted);
    }
    int shift = " kmgt".indexOf(m.group(2).isEmpty() ? ' ' : m.group(2).charAt(0)) * 10;
    long parsed;
    try {
      parsed = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(key, value, accepted);
    }
    if (parsed < min || parsed > max) {
      throw invalid(key, value, accepted);
    }
    return parsed;
  }

  /**
   * Longest duration accepted: far beyond any import, and small enough for deadlines computed in
   * nanoseconds ({@code System.nanoTime() + d.toNanos()}) never to overflow.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(365);

  /**
   * Durations such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, from {@code min} to
   * {@link #MAX_DURATION}.
   */
  public Duration duration(String key, Duration defaultValue, Duration min) {
    String value = optional(key);
    if (value == null) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    String accepted =
        "a duration of at least "
            + min.toMillis()
            + "ms and at most 8760h (365 days) such as 500ms, 10s, 5m or 2h";
    if (!m.matches()) {
      throw invalid(key, value, accepted);
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw invalid(key, value, accepted);
    }
    Duration parsed;
    try {
      switch (m.group(2)) {
        case "ms":
          parsed = Duration.ofMillis(amount);
          break;
        case "s":
          parsed = Duration.ofSeconds(amount);
          break;
        case "m":
          parsed = Duration.ofMinutes(amount);
          break;
        default:
          parsed = Duration.ofHours(amount);
      }
    } catch (ArithmeticException e) {
      throw invalid(key, value, accepted);
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(MAX_DURATION) > 0) {
      throw invalid(key, value, accepted);
    }
    return parsed;
  }

  public static InvalidOptionException invalid(String key, String value, String accepted) {
    return new InvalidOptionException(
        "Option '" + key + "' has an invalid value '" + value + "': expected " + accepted + ".");
  }

  public static String human(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    double value = bytes;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
        : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
