package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.unsafe.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FiniteFloatsTest {
  private static boolean all(int[] bits, int count) {
    return FiniteFloats.all(bits, Platform.INT_ARRAY_OFFSET, count);
  }

  private static int[] bits(float... values) {
    int[] bits = new int[values.length];
    for (int j = 0; j < values.length; j++) {
      bits[j] = Float.floatToRawIntBits(values[j]);
    }
    return bits;
  }

  @Test
  void everyFiniteFloatPasses() {
    int[] values =
        bits(
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            Math.nextDown(Float.MIN_NORMAL),
            1f,
            -1.5e-7f,
            Float.MAX_VALUE,
            -Float.MAX_VALUE);

    assertThat(all(values, values.length)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFFFF_FFFF, 0x7F80_0000, 0xFF80_0000})
  void nanOrInfinityFailsAtAnyPosition(int bad) {
    for (int at = 0; at < 7; at++) {
      int[] values = bits(1f, -2f, 3f, Float.MAX_VALUE, 0f, -0f, 5f);
      values[at] = bad;

      assertThat(all(values, values.length)).as("at %d", at).isFalse();
    }
  }

  @Test
  void looksOnlyAtTheFirstCountValues() {
    int[] values = bits(1f, 2f, Float.NaN);

    assertThat(all(values, 2)).isTrue();
    assertThat(all(values, 3)).isFalse();
    assertThat(all(values, 0)).isTrue();
  }
}
