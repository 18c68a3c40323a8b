package io.milvusimport.format;

/**
 * The finiteness check of float32 vectors on the bits of their copied bytes. A float is NaN or
 * infinite exactly when its 8 exponent bits are all ones; the check is integer arithmetic over an
 * {@code int[]}, with no branch per element: a loop shape the JIT can turn into vector
 * instructions, which it does not for a loop folding float comparisons into a {@code boolean}.
 */
final class FiniteFloats {
  private static final int EXPONENT = 0x7F80_0000;

  /**
   * Added to a value's masked exponent: carries into the sign bit exactly when the exponent is all
   * ones (0x7F800000 + 0x00800000 = 0x80000000; any smaller exponent stays below).
   */
  private static final int CARRY = 0x0080_0000;

  private FiniteFloats() {}

  /** True when the first {@code count} values, float32 bit patterns, are all finite. */
  static boolean all(int[] bits, int count) {
    int flags = 0;
    for (int j = 0; j < count; j++) {
      flags |= (bits[j] & EXPONENT) + CARRY;
    }
    return flags >= 0;
  }
}
