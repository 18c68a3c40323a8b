package io.milvusimport.format;

import java.nio.charset.StandardCharsets;

/** Checks of printed numbers, shared by the float printing tests. */
final class JsonNumbers {
  private JsonNumbers() {}

  /** Whether {@code text} is a number by JSON's grammar (RFC 8259 section 6). */
  static boolean isJsonNumber(String text) {
    return isJsonNumber(text.getBytes(StandardCharsets.US_ASCII), text.length());
  }

  /** Whether the first {@code n} bytes of {@code text} are a number by JSON's grammar. */
  static boolean isJsonNumber(byte[] text, int n) {
    int i = 0;
    if (i < n && text[i] == '-') {
      i++;
    }
    if (i < n && text[i] == '0') {
      i++;
    } else if (i < n && text[i] >= '1' && text[i] <= '9') {
      i = digits(text, i, n);
    } else {
      return false;
    }
    if (i < n && text[i] == '.') {
      int start = i + 1;
      i = digits(text, start, n);
      if (i == start) {
        return false;
      }
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
      i++;
      if (i < n && (text[i] == '+' || text[i] == '-')) {
        i++;
      }
      int start = i;
      i = digits(text, start, n);
      if (i == start) {
        return false;
      }
    }
    return i == n;
  }

  private static int digits(byte[] text, int i, int n) {
    while (i < n && text[i] >= '0' && text[i] <= '9') {
      i++;
    }
    return i;
  }

  /**
   * The significant digits {@code f} (no trailing zeros) and exponent {@code e} of a decimal number
   * text (JSON or Java's {@code 1.5E-7}) with value {@code f·10^e}, packed as {@code f << 16 | (e &
   * 0xffff)}.
   */
  static long decimal(String text) {
    return decimal(text.getBytes(StandardCharsets.US_ASCII), text.length());
  }

  static long decimal(byte[] text, int n) {
    long digits = 0;
    int exponent = 0;
    boolean afterPoint = false;
    for (int i = 0; i < n; i++) {
      byte ch = text[i];
      if (ch == '.') {
        afterPoint = true;
      } else if (ch >= '0' && ch <= '9') {
        digits = digits * 10 + (ch - '0');
        exponent -= afterPoint ? 1 : 0;
      } else if (ch == 'e' || ch == 'E') {
        exponent += Integer.parseInt(new String(text, i + 1, n - i - 1, StandardCharsets.US_ASCII));
        break;
      }
    }
    while (digits != 0 && digits % 10 == 0) {
      digits /= 10;
      exponent++;
    }
    return digits << 16 | (exponent & 0xffff);
  }

  /** The significant digits of a {@link #decimal} result. */
  static long digitsOf(long decimal) {
    return decimal >>> 16;
  }
}
