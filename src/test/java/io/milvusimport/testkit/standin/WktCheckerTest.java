package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WktCheckerTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "POINT (1 2)",
        "point(1.5 -2e3)",
        "POINT Z (1 2 3)",
        "POINT ZM (1 2 3 4)",
        "POINT M (1 2 3)",
        "POINT EMPTY",
        "LINESTRING (0 0, 1 1, 2 2)",
        "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))",
        "MULTIPOINT ((1 2), (3 4))",
        "MULTIPOINT (1 2, 3 4)",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING Z (0 0 0, 1 1 1))",
        "GEOMETRYCOLLECTION EMPTY",
        "  POINT ( .5 +1. )  "
      })
  void accepts(String wkt) {
    assertThat(WktChecker.isValid(wkt)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "POINT(1)",
        "CIRCLE(1 2)",
        "POINT (1 2",
        "POINT (1 2))",
        "POINT (1 2) x",
        "POINT Z (1 2)",
        "POINT (1 2 3 4 5)",
        "LINESTRING (0 0, 1 1 1)",
        "LINESTRING (0 0,)",
        "POLYGON (0 0, 1 0, 1 1, 0 0)",
        "POINT (NaN 1)",
        "POINT (1,2)",
        "SRID=4326;POINT (1 2)",
        "POINT (1 2e)",
        "GEOMETRYCOLLECTION (CIRCLE (1 2))"
      })
  void rejects(String wkt) {
    assertThat(WktChecker.isValid(wkt)).isFalse();
  }
}
