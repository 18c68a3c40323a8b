package io.milvusimport.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes float32 values as JSON numbers straight into a byte array, without a {@code String} per
 * value: row JSON spends most of its time printing vector elements.
 *
 * <p>Each value is printed with the fewest significant digits that identify it ({@link
 * FloatDigits}), so a reader that rounds the decimal to float32 (Go's {@code ParseFloat(s, 32)},
 * Java's {@code Float.parseFloat}) gets the same value back. Values from 1e-4 to below 1e9 are
 * written plainly ({@code 0.00012}, {@code 1000.0}), others in scientific form ({@code 1.5e-7},
 * {@code 3.4028235e38}); zero is {@code 0.0} or {@code -0.0}.
 */
final class FloatText {
  /** Longest text of one value: sign, 9 digits, point, exponent {@code e-45}. */
  static final int MAX_LENGTH = 16;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** {@code 0.000000} as a little-endian long. */
  private static final long ZEROS = 0x3030_3030_3030_2E30L;

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private FloatText() {}

  /**
   * Writes {@code value}, which must be finite, at {@code pos}; {@code out} must have {@link
   * #MAX_LENGTH} bytes from {@code pos} (bytes after the returned position may be overwritten).
   *
   * @return the position after the text
   */
  static int write(float value, byte[] out, int pos) {
    int bits = Float.floatToRawIntBits(value);
    // Without a branch: signs of vector elements are random.
    out[pos] = '-';
    pos += bits >>> 31;
    int biasedExponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7f_ffff;
    if ((biasedExponent | mantissa) == 0) {
      out[pos++] = '0';
      out[pos++] = '.';
      out[pos++] = '0';
      return pos;
    }
    long decimal = FloatDigits.shortest(biasedExponent, mantissa);
    int digits = (int) decimal;
    int exponent = (int) (decimal >> 32);
    while (digits % 10 == 0) {
      digits /= 10;
      exponent++;
    }
    int count = digitCount(digits);
    return layout(digits, count, exponent + count - 1, out, pos);
  }

  /**
   * Writes the {@code count} significant digits {@code digits} (no trailing zero) of a number whose
   * leading digit has the decimal {@code exponent}: plainly from 1e-4 to below 1e9, else in
   * scientific form. The digits are written as a fixed block of nine without loops or branches on
   * their count (the spare ones land where the text ends or are overwritten), since which of 7, 8
   * or 9 digits a vector element needs is unpredictable.
   */
  static int layout(int digits, int count, int exponent, byte[] out, int pos) {
    int nine = digits * POWERS_OF_TEN[9 - count];
    if (exponent < -4 || exponent >= 9) {
      return scientific(nine, count, exponent, out, pos);
    }
    if (exponent < 0) {
      // 0.000000 and then the digits from the first significant place on, over the zeros.
      LONGS.set(out, pos, ZEROS);
      int first = pos + 1 - exponent;
      putNine(nine, out, first);
      return first + count;
    }
    int integerDigits = exponent + 1;
    if (count <= integerDigits) {
      // 1000.0: the block's zeros after the digits fill the integer part.
      putNine(nine, out, pos);
      int point = pos + integerDigits;
      out[point] = '.';
      out[point + 1] = '0';
      return point + 2;
    }
    // 123.45: the integer digits move one place left to make room for the point.
    putNine(nine, out, pos + 1);
    for (int i = 0; i < integerDigits; i++) {
      out[pos + i] = out[pos + 1 + i];
    }
    out[pos + integerDigits] = '.';
    return pos + 1 + count;
  }

  /** Decimal digits of a positive int below 10^9. */
  private static int digitCount(int digits) {
    int estimate = ((32 - Integer.numberOfLeadingZeros(digits)) * 1233) >>> 12;
    return estimate + 1 - ((digits - POWERS_OF_TEN[estimate]) >>> 31);
  }

  /** {@code 1.5e-7}, {@code 1.0e-45}, {@code 3.4028235e38}. */
  private static int scientific(int nine, int count, int exponent, byte[] out, int pos) {
    putNine(nine, out, pos + 1);
    out[pos] = out[pos + 1];
    out[pos + 1] = '.';
    // One digit still gets a fraction: the block's second digit is then 0.
    pos += 1 + Math.max(count, 2);
    return exponentPart(exponent, out, pos);
  }

  /** {@code e-7}, {@code e38}. */
  static int exponentPart(int exponent, byte[] out, int pos) {
    out[pos++] = 'e';
    if (exponent < 0) {
      out[pos++] = '-';
      exponent = -exponent;
    }
    if (exponent >= 10) {
      out[pos++] = (byte) ('0' + exponent / 10);
    }
    out[pos++] = (byte) ('0' + exponent % 10);
    return pos;
  }

  /** Writes the nine digits of {@code 10^8 <= nine < 10^9} at {@code pos}. */
  private static void putNine(int nine, byte[] out, int pos) {
    int first = nine / 100_000_000;
    int eight = nine - first * 100_000_000;
    out[pos] = (byte) ('0' + first);
    // Eight digits at once, each in its byte of a long (SWAR): the first four in the low half,
    // then each half split into two-digit and each of those into one-digit lanes, lowest byte
    // first so a little-endian store puts them in reading order.
    int high = eight / 10_000;
    long lanes = high | (long) (eight - high * 10_000) << 32;
    long hundreds = ((lanes * 10_486) >>> 20) & 0x0000_007F_0000_007FL;
    lanes = hundreds | (lanes - hundreds * 100) << 16;
    long tens = ((lanes * 103) >>> 10) & 0x000F_000F_000F_000FL;
    lanes = tens | (lanes - tens * 10) << 8;
    LONGS.set(out, pos + 1, lanes + 0x3030_3030_3030_3030L);
  }
}
