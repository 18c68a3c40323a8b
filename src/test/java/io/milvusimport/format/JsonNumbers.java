package io.milvusimport.format;

/** Checks of printed numbers, shared by the float printing tests. */
final class JsonNumbers {
  private JsonNumbers() {}

  /** Whether {@code text} is a number by JSON's grammar (RFC 8259 section 6). */
  static boolean isJsonNumber(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && text.charAt(i) == '-') {
      i++;
    }
    if (i < n && text.charAt(i) == '0') {
      i++;
    } else if (i < n && text.charAt(i) >= '1' && text.charAt(i) <= '9') {
      i = digits(text, i);
    } else {
      return false;
    }
    if (i < n && text.charAt(i) == '.') {
      int start = i + 1;
      i = digits(text, start);
      if (i == start) {
        return false;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      i = digits(text, start);
      if (i == start) {
        return false;
      }
    }
    return i == n;
  }

  private static int digits(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /**
   * The significant digits and exponent {@code {f, e}} of a decimal number text (JSON or Java's
   * {@code 1.5E-7}) with value {@code f·10^e}, without trailing zeros in {@code f}.
   */
  static long[] decimal(String text) {
    long digits = 0;
    int exponent = 0;
    boolean afterPoint = false;
    int i = 0;
    for (; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '.') {
        afterPoint = true;
      } else if (ch >= '0' && ch <= '9') {
        digits = digits * 10 + (ch - '0');
        if (afterPoint) {
          exponent--;
        }
      } else if (ch == 'e' || ch == 'E') {
        exponent += Integer.parseInt(text.substring(i + 1));
        break;
      }
    }
    while (digits != 0 && digits % 10 == 0) {
      digits /= 10;
      exponent++;
    }
    return new long[] {digits, exponent};
  }
}
