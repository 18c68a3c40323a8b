package io.milvusimport.testkit.standin;

/**
 * The 16-bit float conversions Milvus applies to JSON values of Float16Vector / BFloat16Vector
 * fields ({@code pkg/util/typeutil} {@code Float32ToFloat16Bytes} / {@code Float32ToBFloat16Bytes},
 * called by {@code importutilv2/json/row_parser.go}, 2.4-2.6):
 *
 * <ul>
 *   <li>float16: {@code github.com/x448/float16.Fromfloat32}, IEEE 754 half precision with
 *       round-to-nearest-even, subnormals kept, overflow (|x| &gt;= 65520) to infinity, which
 *       {@code VerifyFloats16} then rejects.
 *   <li>bfloat16: {@code uint16(math.Float32bits(f) >> 16)}, i.e. the top 16 bits of the float32:
 *       Milvus <b>truncates</b> (no rounding), so the stand-in does too.
 * </ul>
 */
final class HalfFloats {
  private HalfFloats() {}

  /** IEEE half bits of {@code f}, round-to-nearest-even. */
  static short toFloat16Bits(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fffffff;
    if (abs >= 0x7f800000) { // Inf or NaN
      return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 : 0));
    }
    if (abs >= 0x477ff000) { // >= 65520: rounds to infinity
      return (short) (sign | 0x7c00);
    }
    if (abs < 0x38800000) { // below 2^-14: half subnormal (or zero)
      if (abs < 0x33000000) { // below 2^-25: rounds to zero (2^-25 itself ties to even 0)
        return (short) sign;
      }
      int exp = abs >>> 23;
      int mant = (abs & 0x7fffff) | 0x800000;
      int shift = 126 - exp; // value = mant * 2^(exp-150); unit 2^-24
      return (short) (sign | roundShift(mant, shift));
    }
    int half = (((abs >>> 23) - 112) << 10) | ((abs & 0x7fffff) >>> 13);
    int rest = abs & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++; // a carry into the exponent is the right result
    }
    return (short) (sign | half);
  }

  private static int roundShift(int v, int shift) {
    int q = v >>> shift;
    int rest = v & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (q & 1) == 1)) {
      q++;
    }
    return q;
  }

  /** The float32 value of IEEE half bits {@code h}. */
  static float fromFloat16Bits(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** {@code f} as Milvus stores it in a Float16Vector, read back as float32. */
  static float roundToFloat16(float f) {
    return fromFloat16Bits(toFloat16Bits(f));
  }

  /** {@code f} as Milvus stores it in a BFloat16Vector (truncated), read back as float32. */
  static float truncateToBFloat16(float f) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(f) & 0xffff0000);
  }
}
