package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Milvus 2.6 types in row-based JSON imports: Timestamptz (pkg/util/timestamptz ParseTimeTz, UTC
 * micros), Geometry (WKT, ConvertWKTToWKB failure = row_parser type error), Float16/BFloat16
 * vectors stored as Milvus converts them (typeutil Float32ToFloat16Bytes / Float32ToBFloat16Bytes).
 */
class JsonTypesTest {
  private static final String FIELDS =
      "\"fields\":["
          + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"ts\",\"dataType\":\"Timestamptz\"},"
          + "{\"fieldName\":\"geo\",\"dataType\":\"Geometry\"},"
          + "{\"fieldName\":\"h\",\"dataType\":\"Float16Vector\",\"elementTypeParams\":{\"dim\":3}},"
          + "{\"fieldName\":\"b\",\"dataType\":\"BFloat16Vector\",\"elementTypeParams\":{\"dim\":3}}]";
  private static final String ROW =
      "{\"id\":1,\"ts\":\"2025-01-02T03:04:05.123456789+08:00\",\"geo\":\"POINT (1 2)\","
          + "\"h\":[0.3333333333,65504,1e-8],\"b\":[0.3333333333,1,-3.14159265]}";
  private static StandInFixture fx;

  @BeforeAll
  static void start() {
    fx = new StandInFixture();
    fx.standIn.createCollection(
        "default", "{\"collectionName\":\"types\",\"schema\":{" + FIELDS + "}}");
    fx.standIn.createCollection(
        "default",
        "{\"collectionName\":\"types_sh\",\"properties\":[{\"key\":\"timezone\","
            + "\"value\":\"Asia/Shanghai\"}],\"schema\":{"
            + FIELDS
            + "}}");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonNode run(String collection, String rows) throws Exception {
    String key = fx.put(".json", "{\"rows\":[" + rows + "]}");
    return fx.client.awaitFinal(fx.client.importJob(collection, "[[\"" + key + "\"]]"));
  }

  private static Map<String, Object> imported(String collection, String row) throws Exception {
    JsonNode job = run(collection, row);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", collection);
    return rows.get(rows.size() - 1);
  }

  private static String failure(String row) throws Exception {
    JsonNode job = run("types", row);
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    return job.path("reason").asText();
  }

  @Test
  void storesTimestamptzAsUtcMicros() throws Exception {
    // 2025-01-01T19:04:05.123456Z = 1735758245 s
    assertThat(imported("types", ROW).get("ts")).isEqualTo(1735758245_123456L);
    String z = ROW.replace("2025-01-02T03:04:05.123456789+08:00", "1970-01-01T00:00:01Z");
    assertThat(imported("types", z).get("ts")).isEqualTo(1_000_000L);
    String space = ROW.replace("2025-01-02T03:04:05.123456789+08:00", "1970-01-01 01:00:00+01");
    assertThat(imported("types", space).get("ts")).isEqualTo(0L);
  }

  @Test
  void naiveTimestampTakesTheCollectionTimezone() throws Exception {
    String naive = ROW.replace("2025-01-02T03:04:05.123456789+08:00", "1970-01-01T08:00:00");
    assertThat(imported("types", naive).get("ts")).isEqualTo(8 * 3600 * 1_000_000L);
    assertThat(imported("types_sh", naive).get("ts")).isEqualTo(0L);
  }

  @Test
  void rejectsBadTimestamps() throws Exception {
    assertThat(failure(ROW.replace("2025-01-02T03:04:05.123456789+08:00", "2025-13-01T00:00:00Z")))
        .isEqualTo(
            "invalid timestamp string: '2025-13-01T00:00:00Z'. Does not match any known format"
                + ": invalid parameter");
    assertThat(failure(ROW.replace("2025-01-02T03:04:05.123456789+08:00", "yesterday")))
        .startsWith("invalid timestamp string: 'yesterday'. Does not match any known format");
    assertThat(failure(ROW.replace("+08:00", "+15:00")))
        .startsWith("UTC offset hour 15 is out of the valid range [-12, 14]");
    assertThat(failure(ROW.replace("\"2025-01-02T03:04:05.123456789+08:00\"", "1735758245")))
        .startsWith(
            "expected type 'Timestamptz' for field 'ts', got type 'json.Number' with value"
                + " '1735758245': importing data failed");
  }

  @Test
  void storesValidWktAsGiven() throws Exception {
    String wkt = "multipolygon z (((0 0 1, 1 0 1, 1 1 1, 0 0 1)), EMPTY)";
    assertThat(imported("types", ROW.replace("POINT (1 2)", wkt)).get("geo")).isEqualTo(wkt);
  }

  @Test
  void rejectsInvalidWktWithTheTypeError() throws Exception {
    assertThat(failure(ROW.replace("POINT (1 2)", "POINT(1)")))
        .isEqualTo(
            "expected type 'Geometry' for field 'geo', got type 'string' with value 'POINT(1)'"
                + ": importing data failed");
    assertThat(failure(ROW.replace("POINT (1 2)", "CIRCLE(1 2)")))
        .startsWith("expected type 'Geometry' for field 'geo', got type 'string'");
  }

  @Test
  void storesHalfPrecisionVectorsAsMilvusDoes() throws Exception {
    Map<String, Object> row = imported("types", ROW);
    assertThat(row.get("h")).isEqualTo(List.of(0.333251953125f, 65504f, 0f));
    assertThat(row.get("b")).isEqualTo(List.of(0.33203125f, 1f, -3.140625f));
  }

  @Test
  void rejectsFloat16Overflow() throws Exception {
    assertThat(failure(ROW.replace("65504", "65520")))
        .isEqualTo("float16 vector contain nan or infinity value.");
    // 65519 still rounds to 65504
    assertThat(imported("types", ROW.replace("65504", "65519")).get("h"))
        .isEqualTo(List.of(0.333251953125f, 65504f, 0f));
  }
}
