package io.milvusimport.format;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The shortest decimal that reads back as a given float32, with integer arithmetic only: row JSON
 * prints hundreds of floats per row, and printing them was nearly all of its cost.
 *
 * <p>A finite float {@code v = c·2^q} owns the interval of reals that round to it (half an ulp
 * either side, a quarter below at powers of two; its ends belong to it when {@code c} is even,
 * since readers round ties to even). With {@code 10^k} the largest power of ten not above the
 * interval's width, the interval scaled by {@code 10^-k} is at least 1 and less than 10 wide, so it
 * holds an integer and at most one multiple of ten: that multiple when there is one (one digit
 * shorter), else whichever of {@code floor(v·10^-k)} and the next integer lies inside, the nearer
 * one when both do (ties to even). The ends and the value are scaled by four (quarter units are
 * exact) and multiplied by a 63-bit over-approximation of {@code 10^-k}; the product is kept with a
 * sticky bit (rounding to odd) so comparing it with a multiple of four gives the exact answer. This
 * is the Schubfach method (R. Giulietti, "The Schubfach way to render doubles", 2020) specialised
 * to float32. The per-exponent constants are derived exactly with {@code BigInteger} when the class
 * loads.
 *
 * <p>Because a reader that rounds correctly ({@code strconv.ParseFloat(s, 32)} in Go, {@code
 * Float.parseFloat} in Java) maps every decimal inside the interval to {@code v}, the result reads
 * back bit for bit; {@code FloatTextTest} and {@code FloatTextExhaustiveCheck} check that.
 */
final class FloatDigits {
  private static final int EXPONENTS = 255;
  private static final int HIDDEN_BIT = 1 << 23;

  // Per biased exponent: k, the shift h of the scaled bound and the 63-bit multiplier g.
  private static final int[] K = new int[EXPONENTS];
  private static final int[] SHIFT = new int[EXPONENTS];
  private static final long[] G = new long[EXPONENTS];
  // The same for the narrower interval of a power of two (its lower neighbour is closer).
  private static final int[] K_POW2 = new int[EXPONENTS];
  private static final int[] SHIFT_POW2 = new int[EXPONENTS];
  private static final long[] G_POW2 = new long[EXPONENTS];

  static {
    BigDecimal five = BigDecimal.valueOf(5);
    for (int e = 0; e < EXPONENTS; e++) {
      int q = Math.max(e, 1) - 150;
      BigDecimal ulp =
          q >= 0
              ? new BigDecimal(BigInteger.ONE.shiftLeft(q))
              : five.pow(-q).scaleByPowerOfTen(q); // 2^q = 5^-q · 10^q, exactly
      constants(e, q, ulp, K, SHIFT, G);
      constants(e, q, ulp.multiply(BigDecimal.valueOf(75, 2)), K_POW2, SHIFT_POW2, G_POW2);
    }
  }

  private FloatDigits() {}

  /**
   * The shortest decimal {@code f·10^e} (nearest to the value among the shortest, ties to an even
   * {@code f}) that rounds to the positive finite float of {@code biasedExponent} and {@code
   * mantissa} (the 8- and 23-bit fields), packed as {@code e << 32 | f}. {@code f} may end in
   * zeros.
   */
  static long shortest(int biasedExponent, int mantissa) {
    int c;
    int k;
    int shift;
    long g;
    long cbl;
    long cb;
    if (biasedExponent == 0) {
      c = mantissa;
    } else {
      c = mantissa | HIDDEN_BIT;
    }
    cb = (long) c << 2;
    if (mantissa != 0 || biasedExponent <= 1) {
      k = K[biasedExponent];
      shift = SHIFT[biasedExponent];
      g = G[biasedExponent];
      cbl = cb - 2;
    } else {
      k = K_POW2[biasedExponent];
      shift = SHIFT_POW2[biasedExponent];
      g = G_POW2[biasedExponent];
      cbl = cb - 1;
    }
    long cbr = cb + 2;
    // Round-to-odd quarter units of value and ends scaled by 10^-k.
    int vb = roundToOdd(g, cb << shift);
    int vbl = roundToOdd(g, cbl << shift);
    int vbr = roundToOdd(g, cbr << shift);
    // The ends belong to the value when c is even (ties round to even).
    int out = c & 1;
    int lower = vbl + out;
    int upper = vbr - out;
    int s = vb >> 2;
    // Which candidate wins is a coin toss for typical vectors, so the choice is made with
    // arithmetic instead of branches: (b - a) >>> 31 is 1 when a > b (all values are below 2^30).
    int tens = s / 10;
    int lowerTenIn = 1 - ((tens * 40 - lower) >>> 31);
    int upperTenIn = 1 - ((upper - tens * 40 - 40) >>> 31);
    int sIn = 1 - (((s << 2) - lower) >>> 31);
    int tIn = 1 - ((upper - (s << 2) - 4) >>> 31);
    // s + 1 is nearer when the value is past s + 1/2, or at it and s is odd (ties to even).
    int tNearer = ((vb & 3) + (s & 1) + 1) >>> 2;
    int nearest = s + (tIn & ((sIn ^ 1) | tNearer));
    // At most one multiple of ten lies inside; if one does, it is the shorter answer.
    int shorter = lowerTenIn ^ upperTenIn;
    int tenths = tens + upperTenIn;
    int mask = -shorter;
    return pack((tenths & mask) | (nearest & ~mask), k + shorter);
  }

  private static long pack(int digits, int exponent) {
    return (long) exponent << 32 | digits;
  }

  /** {@code scaled·g / 2^95}, its lowest bit set when anything was cut off (rounding to odd). */
  private static int roundToOdd(long g, long scaled) {
    long high = Math.multiplyHigh(g, scaled);
    long sticky = ((high & 0x7fff_ffffL) + 0x7fff_ffffL) >>> 31;
    return (int) ((high >>> 31) | sticky);
  }

  /**
   * k = floor(log10(width)); g = floor(10^-k / 2^r) + 1 with r such that g has 63 bits; the shift h
   * = q + r + 95 makes {@code roundToOdd(g, x << h)} the quarter units {@code x} scaled by 10^-k.
   */
  private static void constants(
      int index, int q, BigDecimal width, int[] ks, int[] shifts, long[] gs) {
    int k = width.precision() - width.scale() - 1;
    BigInteger tenToMinusK = BigInteger.TEN.pow(Math.abs(k));
    // floor(log2(10^-k)); 10^k is not a power of two for k >= 1
    int log2 = k <= 0 ? tenToMinusK.bitLength() - 1 : -tenToMinusK.bitLength();
    int r = log2 - 62;
    BigInteger numerator = k <= 0 ? tenToMinusK : BigInteger.ONE;
    BigInteger denominator = k <= 0 ? BigInteger.ONE : tenToMinusK;
    if (r >= 0) {
      denominator = denominator.shiftLeft(r);
    } else {
      numerator = numerator.shiftLeft(-r);
    }
    BigInteger g = numerator.divide(denominator).add(BigInteger.ONE);
    int shift = q + r + 95;
    if (g.bitLength() != 63 || shift < 0 || shift > 36) {
      throw new IllegalStateException("float32 constants out of range at exponent " + index);
    }
    ks[index] = k;
    shifts[index] = shift;
    gs[index] = g.longValueExact();
  }
}
