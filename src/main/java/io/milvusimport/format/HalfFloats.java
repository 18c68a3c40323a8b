package io.milvusimport.format;

/**
 * IEEE 754 half precision (Milvus Float16Vector) and bfloat16 (BFloat16Vector) conversions, both
 * rounding to nearest, ties to even, as numpy and Milvus do.
 */
public final class HalfFloats {
  /** Largest finite float16. */
  public static final float FLOAT16_MAX = 65504f;

  private HalfFloats() {}

  /** The float16 bits nearest to {@code value}; values beyond the range become infinity. */
  public static short toFloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign;
      }
      int full = mantissa | 0x800000;
      int shift = 14 - halfExponent;
      int half = full >> shift;
      int rest = full & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (halfExponent << 10) | (mantissa >> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) (sign | half);
  }

  /** The float a float16 holds, exactly. */
  public static float fromFloat16(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  /** The bfloat16 bits nearest to {@code value}. */
  public static short toBFloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /** The float a bfloat16 holds, exactly. */
  public static float fromBFloat16(short value) {
    return Float.intBitsToFloat((value & 0xffff) << 16);
  }

  /**
   * Stores {@code values} as little-endian float16 or bfloat16 (rounded to nearest even), the
   * layout NumPy and Parquet files carry: two bytes per value.
   */
  static void toLittleEndian(float[] values, int count, boolean float16, byte[] out) {
    for (int j = 0; j < count; j++) {
      short bits = float16 ? toFloat16(values[j]) : toBFloat16(values[j]);
      out[2 * j] = (byte) bits;
      out[2 * j + 1] = (byte) (bits >> 8);
    }
  }
}
