package io.milvusimport.bench.peer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * W1's row values without Spark, for the bulk-writer peer, which runs in a JVM of its own: the same
 * numbers Spark computes for the benchmark's W1 DataFrame ({@code Workload.W1}), so every writer
 * writes identical rows. Element {@code i} (1-based) of row {@code id}'s vector is Spark's {@code
 * cast(hash(id, i) / 2147483648.0 as float)}: a Murmur3 hash (x86, 32-bit, seed 42, the long then
 * the int), divided as decimal(23,12) rounded half-up, cast to float. The text is {@code
 * sha2(cast(id as string), 256)}. Plain JDK only, so both class paths can compile it.
 */
public final class W1Values {
  public static final int DIM = 768;

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;
  private static final double TWO_31 = 2147483648.0;
  private static final BigDecimal TWO_31_DECIMAL = new BigDecimal("2147483648.0");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final MessageDigest sha256;

  public W1Values() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Fills {@code out} (length {@link #DIM}) with row {@code id}'s vector. */
  public static void vector(long id, float[] out) {
    for (int i = 1; i <= out.length; i++) {
      out[i - 1] = element(hashInt(i, hashLong(id, 42)));
    }
  }

  /** Row {@code id}'s 64-character text: the SHA-256 of its decimal digits, in lower-case hex. */
  public String text(long id) {
    byte[] digest = sha256.digest(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * {@code cast(h / 2147483648.0 as float)} as Spark evaluates it. h / 2^31 is exact as a double;
   * rounding it to 12 decimals first changes the float only where the float's spacing is below
   * 10^-12 (|h| < 2^16) or where the double lies exactly halfway between two floats (the decimal
   * rounding then decides the direction, not ties-to-even): those take the decimal path.
   */
  static float element(int h) {
    double exact = h / TWO_31;
    float nearest = (float) exact;
    double error = Math.abs(exact - nearest);
    double ulp = Math.ulp(nearest);
    if (Math.abs(h) >= (1 << 16) && error != ulp / 2 && error != ulp / 4) {
      return nearest;
    }
    return new BigDecimal(h).divide(TWO_31_DECIMAL, 12, RoundingMode.HALF_UP).floatValue();
  }

  static int hashInt(int input, int seed) {
    return fmix(mixH1(seed, mixK1(input)), 4);
  }

  static int hashLong(long input, int seed) {
    int h1 = mixH1(seed, mixK1((int) input));
    h1 = mixH1(h1, mixK1((int) (input >>> 32)));
    return fmix(h1, 8);
  }

  private static int mixK1(int k1) {
    return Integer.rotateLeft(k1 * C1, 15) * C2;
  }

  private static int mixH1(int h1, int k1) {
    return Integer.rotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;
  }

  private static int fmix(int h1, int length) {
    h1 ^= length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }
}
