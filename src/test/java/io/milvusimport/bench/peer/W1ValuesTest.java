package io.milvusimport.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.SparkTestSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class W1ValuesTest {

  @Test
  void generatesTheRowsSparkComputesForW1() {
    SparkSession spark = SparkTestSession.get();
    List<Row> rows =
        spark
            .range(0, 2_000, 1, 2)
            .selectExpr(
                "id",
                "transform(sequence(1, 768), i -> cast(hash(id, i) / 2147483648.0 as float))"
                    + " as embedding",
                "sha2(cast(id as string), 256) as text")
            .collectAsList();
    W1Values values = new W1Values();
    float[] vector = new float[W1Values.DIM];
    int checked = 0;
    for (Row row : rows) {
      long id = row.getLong(0);
      W1Values.vector(id, vector);
      List<Float> expected = row.getList(1);
      for (int i = 0; i < W1Values.DIM; i++) {
        assertThat(Float.floatToIntBits(vector[i]))
            .as("row %d element %d", id, i)
            .isEqualTo(Float.floatToIntBits(expected.get(i)));
        checked++;
      }
      assertThat(values.text(id)).isEqualTo(row.getString(2));
    }
    assertThat(checked).isEqualTo(2_000 * W1Values.DIM);
  }

  @Test
  void fastPathAgreesWithTheDecimalDivisionForEveryKindOfHash() {
    SplittableRandom random = new SplittableRandom(16);
    int[] edges = {0, 1, -1, 65_535, -65_536, 1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE};
    for (int h : edges) {
      assertThat(W1Values.element(h)).as("h=%d", h).isEqualTo(decimal(h));
    }
    for (int n = 0; n < 2_000_000; n++) {
      int h = n % 4 == 0 ? random.nextInt(-(1 << 20), 1 << 20) : random.nextInt();
      assertThat(Float.floatToIntBits(W1Values.element(h)))
          .as("h=%d", h)
          .isEqualTo(Float.floatToIntBits(decimal(h)));
    }
  }

  private static float decimal(int h) {
    return new BigDecimal(h)
        .divide(new BigDecimal("2147483648.0"), 12, RoundingMode.HALF_UP)
        .floatValue();
  }
}
