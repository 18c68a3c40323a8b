package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatTextTest {
  private static String text(float value) {
    byte[] out = new byte[FloatText.MAX_LENGTH];
    int end = FloatText.write(value, out, 0);
    return new String(out, 0, end, StandardCharsets.US_ASCII);
  }

  @Test
  void printsCommonValuesReadably() {
    assertThat(text(0f)).isEqualTo("0.0");
    assertThat(text(-0f)).isEqualTo("-0.0");
    assertThat(text(1f)).isEqualTo("1.0");
    assertThat(text(-2.5f)).isEqualTo("-2.5");
    assertThat(text(1000f)).isEqualTo("1000.0");
    assertThat(text(123.25f)).isEqualTo("123.25");
    assertThat(text(0.5f)).isEqualTo("0.5");
    assertThat(text(1e-7f)).startsWith("1.0").contains("e-7");
    assertThat(text(Float.MAX_VALUE)).isEqualTo("3.4028235e38");
  }

  @Test
  void everyPrintedValueReadsBackAsTheSameFloat() {
    float[] edges = {
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      Float.MIN_NORMAL,
      Float.MAX_VALUE,
      0.1f,
      1f / 3,
      9.999999e-5f,
      99999.99f,
      999999999f,
      1e9f,
      1e10f,
      1e-4f,
      65504f
    };
    for (float value : edges) {
      assertThat(Float.parseFloat(text(value))).as(text(value)).isEqualTo(value);
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2_000_000; i++) {
      float value = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(value)) {
        String text = text(value);
        assertThat(Float.parseFloat(text)).as(text).isEqualTo(value);
      }
      float small = (float) (random.nextDouble() - 0.5);
      assertThat(Float.parseFloat(text(small))).isEqualTo(small);
    }
  }
}
