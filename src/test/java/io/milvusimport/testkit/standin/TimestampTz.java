package io.milvusimport.testkit.standin;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Milvus's {@code ParseTimeTz(input, collectionTimezone)} ({@code pkg/util/timestamptz}, earlier
 * {@code pkg/util/funcutil}; Milvus 2.6) followed by {@code UnixMicro()}: a Timestamptz value
 * becomes UTC epoch microseconds. Go's {@code time.Parse} is reproduced for the layouts Milvus
 * tries, in its order:
 *
 * <ol>
 *   <li>RFC3339Nano: {@code 2006-01-02T15:04:05[.fff]Z07:00} ({@code Z} or {@code ±hh:mm});
 *   <li>{@code 2006-01-02 15:04:05Z07:00} and {@code 2006-01-02 15:04:05Z07} ({@code ±hh});
 *   <li>naive {@code 2006-01-02T15:04:05[.fff]} / {@code 2006-01-02 15:04:05[.fff]} in the
 *       collection's {@code timezone} property (default {@code UTC}).
 * </ol>
 *
 * <p>As in Go: {@code T} and {@code Z} are case-sensitive, the hour may have one digit, a fraction
 * may use {@code .} or {@code ,} and is cut to nanoseconds, dates and times are range-checked. An
 * explicit offset outside [-12h, +14h] fails with "UTC offset hour %d is out of the valid range
 * [-12, 14]"; a string matching no layout with "invalid timestamp string: '%s'. Does not match any
 * known format". Both are {@code merr.WrapErrParameterInvalidMsg} in {@code pkg/util/timestamptz}
 * (suffix ": invalid parameter"; the older funcutil copy had no suffix and no space-separated
 * absolute layouts).
 */
final class TimestampTz {
  static final String DEFAULT_TIMEZONE = "UTC";
  private static final String DATE_TIME =
      "(\\d{4})-(\\d{2})-(\\d{2})%s(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d+))?";
  private static final Pattern RFC3339 =
      Pattern.compile(String.format(DATE_TIME, "T") + "(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern SPACE_ABSOLUTE =
      Pattern.compile(String.format(DATE_TIME, " ") + "(Z|[+-]\\d{2}(?::\\d{2})?)");
  private static final Pattern NAIVE = Pattern.compile(String.format(DATE_TIME, "[T ]"));

  private TimestampTz() {}

  /**
   * Epoch microseconds of {@code input}, or {@link IllegalArgumentException} with Milvus's text.
   */
  static long parseMicros(String input, String timezone) {
    for (Pattern p : new Pattern[] {RFC3339, SPACE_ABSOLUTE}) {
      Matcher m = p.matcher(input);
      if (m.matches()) {
        LocalDateTime local = local(m);
        Integer offset = offsetSeconds(m.group(8));
        if (local != null && offset != null) {
          if (offset > 14 * 3600 || offset < -12 * 3600) {
            throw invalid(
                "UTC offset hour " + offset / 3600 + " is out of the valid range [-12, 14]");
          }
          return micros(local, ZoneOffset.ofTotalSeconds(offset).getTotalSeconds());
        }
      }
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone == null || timezone.isEmpty() ? DEFAULT_TIMEZONE : timezone);
    } catch (DateTimeException e) {
      throw invalid("invalid default timezone string '" + timezone + "'");
    }
    Matcher m = NAIVE.matcher(input);
    LocalDateTime local = m.matches() ? local(m) : null;
    if (local == null) {
      throw invalid("invalid timestamp string: '" + input + "'. Does not match any known format");
    }
    return micros(local, zone.getRules().getOffset(local).getTotalSeconds());
  }

  private static LocalDateTime local(Matcher m) {
    try {
      String frac = m.group(7) == null ? "" : m.group(7);
      frac = (frac + "000000000").substring(0, 9);
      return LocalDateTime.of(
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)),
          Integer.parseInt(m.group(6)),
          Integer.parseInt(frac));
    } catch (DateTimeException e) {
      return null; // Go: "month/day/hour/... out of range"
    }
  }

  /** Go's Z07:00 / Z07 offsets: hour up to 24, minute up to 60 parse; null when out of that. */
  private static Integer offsetSeconds(String z) {
    if ("Z".equals(z)) {
      return 0;
    }
    int sign = z.charAt(0) == '-' ? -1 : 1;
    int h = Integer.parseInt(z.substring(1, 3));
    int min = z.length() > 3 ? Integer.parseInt(z.substring(4, 6)) : 0;
    if (h > 24 || min > 60) {
      return null;
    }
    return sign * (h * 3600 + min * 60);
  }

  private static long micros(LocalDateTime local, int offsetSeconds) {
    long seconds = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
    return seconds * 1_000_000L + local.getNano() / 1000;
  }

  private static IllegalArgumentException invalid(String msg) {
    return new IllegalArgumentException(msg + ": invalid parameter");
  }
}
