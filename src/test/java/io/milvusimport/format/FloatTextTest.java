package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
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

  @Test
  void printsTheShortestFormOfValuesThatHaveOne() {
    assertThat(text(0.3f)).isEqualTo("0.3");
    assertThat(text(0.1f + 0.2f)).isEqualTo("0.3");
    assertThat(text(-0.7f)).isEqualTo("-0.7");
    assertThat(text(1e-45f)).isEqualTo("1.0e-45");
    assertThat(text(Float.MIN_NORMAL)).isEqualTo("1.1754944e-38");
    assertThat(text(16777216f)).isEqualTo("16777216.0");
    assertThat(text(1e9f)).isEqualTo("1.0e9");
    assertThat(text(123456.79f)).isEqualTo("123456.79");
    assertThat(text(1e-4f)).isEqualTo("0.0001");
    assertThat(text(9.9e-5f)).isEqualTo("9.9e-5");
    assertThat(text(0.33333334f)).isEqualTo("0.33333334");
  }

  @Test
  void edgeValuesOfEveryKindReadBackBitForBitAsJsonNumbers() {
    List<Float> edges = new ArrayList<>();
    edges.add(Float.MIN_VALUE); // 1e-45, the smallest subnormal
    edges.add(Float.intBitsToFloat(0x007f_ffff)); // the largest subnormal
    edges.add(Float.MIN_NORMAL);
    edges.add(Float.MAX_VALUE); // 3.4028235e38
    edges.add(1e-45f);
    edges.add(3.4028235e38f);
    for (int exponent = -149; exponent <= 127; exponent++) {
      edges.add(Math.scalb(1f, exponent));
    }
    for (int exponent = -45; exponent <= 38; exponent++) {
      edges.add(Float.parseFloat("1e" + exponent));
    }
    for (float edge : new ArrayList<>(edges)) {
      edges.add(Math.nextUp(edge));
      edges.add(Math.nextDown(edge));
    }
    for (float edge : edges) {
      if (Float.isFinite(edge)) {
        assertReadsBack(edge);
        assertReadsBack(-edge);
      }
    }
  }

  @Test
  void everyExponentWithRandomMantissasReadsBackBitForBitAsJsonNumbers() {
    // A stratified sample of the exhaustive check (FloatTextExhaustiveCheck, run once, minutes):
    // every biased exponent, subnormals included, with its smallest, largest and random mantissas.
    byte[] out = new byte[2 * FloatText.MAX_LENGTH];
    SplittableRandom random = new SplittableRandom(16);
    for (int exponent = 0; exponent < 255; exponent++) {
      for (int i = 0; i < 4_000; i++) {
        int mantissa = i < 2 ? i * 0x7f_ffff : random.nextInt(1 << 23);
        int bits = exponent << 23 | mantissa;
        assertThat(FloatTextExhaustiveCheck.check(bits, out, false, new AtomicLong()))
            .as("bits %08x", bits)
            .isNull();
      }
    }
  }

  @Test
  void printsTheShortestDecimalAndTheNearestOfThatLength() {
    SplittableRandom random = new SplittableRandom(3);
    for (int exponent = 0; exponent < 255; exponent++) {
      for (int i = 0; i < 60; i++) {
        float value = Float.intBitsToFloat(exponent << 23 | random.nextInt(1 << 23));
        if (value != 0f) {
          assertThat(new BigDecimal(text(value)))
              .as("%s (bits %08x)", text(value), Float.floatToRawIntBits(value))
              .isEqualByComparingTo(shortestByBruteForce(value));
        }
      }
    }
  }

  private static void assertReadsBack(float value) {
    String text = text(value);
    assertThat(JsonNumbers.isJsonNumber(text)).as(text).isTrue();
    assertThat(Float.floatToRawIntBits(Float.parseFloat(text)))
        .as(text)
        .isEqualTo(Float.floatToRawIntBits(value));
  }

  /**
   * The decimal with the fewest digits that reads back as {@code value}, and of those the nearest
   * (ties to an even last digit), found by trying each length with exact decimal arithmetic.
   */
  private static BigDecimal shortestByBruteForce(float value) {
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits <= 9; digits++) {
      BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
      BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
      boolean belowReads = Float.parseFloat(below.toString()) == value;
      boolean aboveReads = Float.parseFloat(above.toString()) == value;
      if (belowReads && aboveReads) {
        int nearer = exact.subtract(below).compareTo(above.subtract(exact));
        boolean belowEven = !below.unscaledValue().testBit(0);
        return nearer < 0 || nearer == 0 && belowEven ? below : above;
      }
      if (belowReads || aboveReads) {
        return belowReads ? below : above;
      }
    }
    throw new AssertionError("no decimal of up to 9 digits reads back as " + value);
  }
}
