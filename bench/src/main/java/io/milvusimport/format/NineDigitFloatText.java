package io.milvusimport.format;

/**
 * The float printer row JSON used before {@link FloatDigits}, unchanged, kept only as the baseline
 * of {@link FloatPrintBenchmark}: eight significant digits when they identify the float, else nine,
 * found with double arithmetic.
 */
final class NineDigitFloatText {
  /** Longest text of one value: sign, 9 digits, point, exponent {@code e-45}. */
  static final int MAX_LENGTH = 16;

  private static final double[] POWERS = new double[110];
  private static final int POWER_BIAS = 55;
  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = Double.parseDouble("1e" + (i - POWER_BIAS));
    }
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private NineDigitFloatText() {}

  /**
   * Writes {@code value}, which must be finite, at {@code pos}.
   *
   * @return the position after the text
   */
  static int write(float value, byte[] out, int pos) {
    if (value == 0f) {
      if (Float.floatToRawIntBits(value) != 0) {
        out[pos++] = '-';
      }
      out[pos++] = '0';
      out[pos++] = '.';
      out[pos++] = '0';
      return pos;
    }
    double magnitude = value;
    if (magnitude < 0) {
      out[pos++] = '-';
      magnitude = -magnitude;
    }
    int exponent = (int) Math.floor(Math.getExponent(magnitude) * 0.30102999566398120);
    int digits = nineDigits(magnitude, exponent);
    if (digits >= 1_000_000_000) {
      exponent++;
      digits = nineDigits(magnitude, exponent);
    } else if (digits < 100_000_000) {
      exponent--;
      digits = nineDigits(magnitude, exponent);
    }
    if (digits >= 1_000_000_000) {
      // Rounding carried into a tenth digit (e.g. 9.999999999 -> 10.00000000).
      exponent++;
      digits /= 10;
    }
    int count = 9;
    if (digits % 10 != 0) {
      int shorter = eightDigits(digits, exponent, magnitude);
      if (shorter != 0) {
        if (shorter >= 1_000_000_000) {
          exponent++;
          digits = shorter / 100;
          count = 8;
        } else {
          digits = shorter / 10;
          count = 8;
        }
      }
    } else {
      digits /= 10;
      count = 8;
    }
    while (digits % 10 == 0) {
      digits /= 10;
      count--;
    }
    return exponent >= -4 && exponent < 9
        ? plain(digits, count, exponent, out, pos)
        : scientific(digits, count, exponent, out, pos);
  }

  /** {@code magnitude} scaled to nine digits before the point for {@code exponent}, rounded. */
  private static int nineDigits(double magnitude, int exponent) {
    // Positive and below 2^31, so adding a half and truncating rounds half up, as Math.round.
    return (int) (magnitude * POWERS[POWER_BIAS + 8 - exponent] + 0.5);
  }

  /**
   * The nine-digit form rounded to eight digits (last digit zero) when that decimal still lies
   * strictly inside the float's rounding interval, so it reads back as the same float; else 0. Most
   * float32 values need only eight digits, which keeps row JSON smaller. A margin far larger than
   * double rounding keeps borderline cases at nine digits.
   */
  private static int eightDigits(int digits, int exponent, double magnitude) {
    int rounded = (digits + 5) / 10 * 10;
    double candidate = rounded * POWERS[POWER_BIAS + exponent - 8];
    float value = (float) magnitude;
    double below = (magnitude + Math.nextDown(value)) / 2;
    double above = (magnitude + Math.nextUp(value)) / 2;
    double margin = magnitude * 1e-12;
    return candidate > below + margin && candidate < above - margin ? rounded : 0;
  }

  /** {@code 123.45}, {@code 0.00012}, {@code 1000.0}. */
  private static int plain(int digits, int count, int exponent, byte[] out, int pos) {
    if (exponent < 0) {
      out[pos++] = '0';
      out[pos++] = '.';
      for (int i = -1; i > exponent; i--) {
        out[pos++] = '0';
      }
      return putDigits(digits, count, out, pos);
    }
    int integerDigits = exponent + 1;
    if (count <= integerDigits) {
      pos = putDigits(digits, count, out, pos);
      for (int i = count; i < integerDigits; i++) {
        out[pos++] = '0';
      }
      out[pos++] = '.';
      out[pos++] = '0';
      return pos;
    }
    int end = putDigits(digits, count, out, pos + 1);
    System.arraycopy(out, pos + 1, out, pos, integerDigits);
    out[pos + integerDigits] = '.';
    return end;
  }

  /** {@code 1.5e-7}, {@code 3.4028235e38}. */
  private static int scientific(int digits, int count, int exponent, byte[] out, int pos) {
    int end = putDigits(digits, count, out, pos + 1);
    out[pos] = out[pos + 1];
    if (count == 1) {
      out[pos + 1] = '.';
      out[pos + 2] = '0';
      end = pos + 3;
    } else {
      out[pos + 1] = '.';
    }
    return FloatText.exponentPart(exponent, out, end);
  }

  /** Writes the {@code count} decimal digits of {@code digits}, two at a time. */
  private static int putDigits(int digits, int count, byte[] out, int pos) {
    int i = pos + count;
    while (i - pos >= 2) {
      int pair = (digits % 100) << 1;
      digits /= 100;
      out[--i] = PAIRS[pair + 1];
      out[--i] = PAIRS[pair];
    }
    if (i > pos) {
      out[--i] = (byte) ('0' + digits);
    }
    return pos + count;
  }
}
