package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
  @Test
  void float16RoundsToNearestEven() {
    assertThat(HalfFloats.toFloat16Bits(1f / 3)).isEqualTo((short) 0x3555);
    assertThat(HalfFloats.roundToFloat16(1f / 3)).isEqualTo(0.333251953125f);
    assertThat(HalfFloats.roundToFloat16(1f)).isEqualTo(1f);
    assertThat(HalfFloats.roundToFloat16(-2.5f)).isEqualTo(-2.5f);
    // ties to even: spacing is 2 at 2048
    assertThat(HalfFloats.roundToFloat16(2049f)).isEqualTo(2048f);
    assertThat(HalfFloats.roundToFloat16(2051f)).isEqualTo(2052f);
    assertThat(HalfFloats.roundToFloat16(2049.01f)).isEqualTo(2050f);
  }

  @Test
  void float16LimitsAndSubnormals() {
    assertThat(HalfFloats.roundToFloat16(65504f)).isEqualTo(65504f);
    assertThat(HalfFloats.roundToFloat16(65519f)).isEqualTo(65504f);
    assertThat(HalfFloats.roundToFloat16(65520f)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(HalfFloats.roundToFloat16(-70000f)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(HalfFloats.roundToFloat16(1e-8f)).isEqualTo(0f);
    assertThat(HalfFloats.roundToFloat16(1e-7f)).isEqualTo(2 * 0x1p-24f);
    assertThat(HalfFloats.roundToFloat16(0x1p-24f)).isEqualTo(0x1p-24f);
    assertThat(HalfFloats.roundToFloat16(0x1p-25f)).isEqualTo(0f); // tie to even zero
    assertThat(HalfFloats.roundToFloat16(0x1.8p-25f)).isEqualTo(0x1p-24f);
    assertThat(HalfFloats.roundToFloat16(0x1.ffcp-15f)).isEqualTo(0x1p-14f); // carry to normal
    assertThat(HalfFloats.toFloat16Bits(6.1035156e-5f)).isEqualTo((short) 0x0400);
    assertThat(Float.isNaN(HalfFloats.roundToFloat16(Float.NaN))).isTrue();
  }

  @Test
  void bfloat16TruncatesLikeMilvus() {
    assertThat(HalfFloats.truncateToBFloat16(1f / 3)).isEqualTo(0.33203125f);
    assertThat(HalfFloats.truncateToBFloat16(1f)).isEqualTo(1f);
    assertThat(HalfFloats.truncateToBFloat16(1.0078124f)).isEqualTo(1f);
    assertThat(HalfFloats.truncateToBFloat16(-3.1415927f)).isEqualTo(-3.140625f);
    assertThat(HalfFloats.truncateToBFloat16(Float.MAX_VALUE)).isFinite();
  }
}
