package io.milvusimport.format;

import org.apache.spark.unsafe.Platform;

/**
 * The finiteness check of float32 vectors on their bits, where they lie: so the NPY writer can
 * check a vector still in Spark's row memory and copy it once, straight into its buffer. A float is
 * NaN or infinite exactly when its 8 exponent bits are all ones; the check is integer arithmetic on
 * two floats per 64-bit read, with no branch per element.
 */
final class FiniteFloats {
  private static final int EXPONENT = 0x7F80_0000;

  /**
   * Added to a value's masked exponent: carries into the sign bit exactly when the exponent is all
   * ones (0x7F800000 + 0x00800000 = 0x80000000; any smaller exponent stays below).
   */
  private static final int CARRY = 0x0080_0000;

  /** Both floats' exponents of a 64-bit word, and the carries that flag them. */
  private static final long EXPONENTS = 0x7F80_0000_7F80_0000L;

  private static final long CARRIES = 0x0080_0000_0080_0000L;

  /**
   * Where the carries land: bit 31 (the low float's) and bit 63 (the high float's). The low half
   * never carries into the high one: 0x7F800000 + 0x00800000 stays within 32 bits.
   */
  private static final long SIGNS = 0x8000_0000_8000_0000L;

  private FiniteFloats() {}

  /**
   * True when the {@code count} float32 values at this {@link Platform} address are all finite,
   * read two at a time, whatever the platform's byte order (each half is one float's bits).
   */
  static boolean all(Object base, long offset, int count) {
    long flags = 0;
    long end = offset + 4L * (count & ~1);
    for (long at = offset; at < end; at += 8) {
      flags |= (Platform.getLong(base, at) & EXPONENTS) + CARRIES;
    }
    if ((count & 1) != 0) {
      flags |= ((Platform.getInt(base, end) & EXPONENT) + CARRY) & 0xFFFF_FFFFL;
    }
    return (flags & SIGNS) == 0;
  }
}
