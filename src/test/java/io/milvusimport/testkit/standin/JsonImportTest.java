package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Row-based {@code .json} import files through the stand-in: Milvus's rules and texts. */
class JsonImportTest {
  private static final String VALID =
      "{\"id\":1,\"title\":\"abc\",\"vec\":[0.1,0.2,0.3,0.4],\"bits\":[1,255],"
          + "\"sparse\":{\"indices\":[3,7],\"values\":[0.5,0.25]},\"tags\":[\"a\",\"b\"],"
          + "\"doc\":{\"k\":1},\"extra\":\"x\"}";
  private static StandInFixture fx;

  @BeforeAll
  static void start() {
    fx = new StandInFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonNode run(String collection, String content) throws Exception {
    String key = fx.put(".json", content);
    return fx.client.awaitFinal(fx.client.importJob(collection, "[[\"" + key + "\"]]"));
  }

  private static String failure(String row) throws Exception {
    return failure("docs", row);
  }

  private static String failure(String collection, String row) throws Exception {
    JsonNode job = run(collection, "{\"rows\":[" + row + "]}");
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    return job.path("reason").asText();
  }

  @Test
  void validFileCompletesWithExactValues() throws Exception {
    int before = fx.standIn.rows("default", "docs").size();
    JsonNode job = run("docs", "{\"rows\":[" + VALID + "]}");
    assertThat(job.path("state").asText()).isEqualTo("Completed");
    assertThat(job.path("progress").asInt()).isEqualTo(100);
    assertThat(job.path("importedRows").asLong()).isEqualTo(1);
    assertThat(job.path("details").get(0).path("state").asText()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", "docs", "_default");
    Map<String, Object> row = rows.get(rows.size() - 1);
    assertThat(rows).hasSize(before + 1);
    assertThat(row.get("id")).isEqualTo(1L);
    assertThat(row.get("title")).isEqualTo("abc");
    assertThat(row.get("vec")).isEqualTo(List.of(0.1f, 0.2f, 0.3f, 0.4f));
    assertThat((byte[]) row.get("bits")).containsExactly((byte) 1, (byte) 255);
    assertThat(row.get("sparse")).isEqualTo(new TreeMap<>(Map.of(3L, 0.5f, 7L, 0.25f)));
    assertThat(row.get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(row.get("doc").toString()).isEqualTo("{\"k\":1}");
    assertThat(row).containsEntry("count", null);
    assertThat(row.get("score")).isEqualTo(1.5d);
    assertThat(row.get("$meta").toString()).isEqualTo("{\"extra\":\"x\"}");
  }

  @Test
  void acceptsBareListAndSparseMapForm() throws Exception {
    String row = VALID.replace("{\"indices\":[3,7],\"values\":[0.5,0.25]}", "{\"12\":0.5}");
    JsonNode job = run("docs", "[" + row + "]");
    assertThat(job.path("state").asText()).isEqualTo("Completed");
  }

  @Test
  void rejectsFloatVectorWithWrongDimension() throws Exception {
    assertThat(failure(VALID.replace("[0.1,0.2,0.3,0.4]", "[0.1,0.2,0.3]")))
        .startsWith(
            "expected dim '4' for field 'vec' with type 'FloatVector', got dim '3'"
                + ": importing data failed");
  }

  @Test
  void rejectsNaN() throws Exception {
    assertThat(failure(VALID.replace("[0.1,0.2,0.3,0.4]", "[0.1,NaN,0.3,0.4]")))
        .startsWith(
            "failed to parse row, error: invalid character 'N' looking for beginning of"
                + " value: importing data failed");
  }

  @Test
  void rejectsIntegerWrittenAsFloat() throws Exception {
    assertThat(failure(VALID.replace("\"id\":1", "\"id\":1.0")))
        .startsWith("strconv.ParseInt: parsing \"1.0\": invalid syntax");
  }

  @Test
  void rejectsIntegerGivenAsString() throws Exception {
    assertThat(failure(VALID.replace("\"id\":1", "\"id\":\"1\"")))
        .startsWith("expected type 'Int64' for field 'id', got type 'string' with value '1'");
  }

  @Test
  void rejectsVarCharOverMaxLengthCountedInUtf8Bytes() throws Exception {
    // three characters, nine UTF-8 bytes, max_length 5
    assertThat(failure(VALID.replace("\"abc\"", "\"\u20ac\u20ac\u20ac\"")))
        .startsWith("value length(9) for field title exceeds max_length(5)");
  }

  @Test
  void rejectsMissingRequiredField() throws Exception {
    assertThat(failure(VALID.replace("\"title\":\"abc\",", "")))
        .startsWith("value of field 'title' is missed: importing data failed");
  }

  @Test
  void rejectsAutoIdPrimaryKeyPresent() throws Exception {
    assertThat(failure("auto", "{\"id\":5,\"text\":\"hello\"}"))
        .startsWith("the primary key 'id' is auto-generated, no need to provide");
  }

  @Test
  void rejectsFunctionOutputFieldPresent() throws Exception {
    assertThat(failure("auto", "{\"text\":\"hello\",\"sv\":{\"1\":0.5}}"))
        .startsWith("the field 'sv' is output by function, no need to provide");
  }

  @Test
  void autoIdCollectionGetsFreshIds() throws Exception {
    JsonNode job = run("auto", "{\"rows\":[{\"text\":\"a\"},{\"text\":\"b\"}]}");
    assertThat(job.path("state").asText()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", "auto");
    assertThat(rows)
        .extracting(r -> r.get("id"))
        .doesNotHaveDuplicates()
        .allMatch(Long.class::isInstance);
  }

  @Test
  void rejectsJsonLinesInJsonFile() throws Exception {
    JsonNode job = run("docs", VALID + "\n" + VALID + "\n");
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(job.path("reason").asText())
        .startsWith("invalid JSON format, the root key should be 'rows', but get 'id'");
  }

  @Test
  void rejectsKeyRepeatedInMeta() throws Exception {
    assertThat(failure(VALID.replace("\"extra\":\"x\"", "\"extra\":\"x\",\"$meta\":{\"extra\":2}")))
        .startsWith("duplicated key is not allowed, key=extra");
  }

  @Test
  void rejectsBinaryVectorByteOutOfRange() throws Exception {
    assertThat(failure(VALID.replace("[1,255]", "[1,256]")))
        .startsWith("strconv.ParseUint: parsing \"256\": value out of range");
  }

  @Test
  void rejectsArrayOverCapacityAndNullElements() throws Exception {
    assertThat(failure(VALID.replace("[\"a\",\"b\"]", "[\"a\",\"b\",\"c\",\"d\"]")))
        .startsWith("array capacity(4) for field tags exceeds max_capacity(3)");
    assertThat(failure(VALID.replace("[\"a\",\"b\"]", "[\"a\",null]")))
        .startsWith("expected element type 'VarChar' in array field, got type '<nil>'");
  }

  @Test
  void rejectsUnknownKeyWithoutDynamicField() throws Exception {
    assertThat(failure("keyed", "{\"id\":1,\"tenant\":\"t\",\"v\":[1,2],\"x\":1}"))
        .startsWith("the field 'x' is not defined in schema");
  }

  @Test
  void rejectsNegativeSparseValue() throws Exception {
    assertThat(failure(VALID.replace("[0.5,0.25]", "[0.5,-0.25]"))).contains("negative");
  }

  @Test
  void keyOutsideTheBucketFailsWithNoSuchKey() throws Exception {
    // The object exists, but in another bucket: Milvus reads keys only inside its own bucket.
    fx.s3.createBucket("other-bucket");
    fx.s3.put(
        "other-bucket",
        "elsewhere/not-there.json",
        ("{\"rows\":[" + VALID + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String id = fx.client.importJob("docs", "[[\"elsewhere/not-there.json\"]]");
    JsonNode job = fx.client.awaitFinal(id);
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(job.path("reason").asText())
        .contains("NoSuchKey")
        .contains("elsewhere/not-there.json");
  }

  @Test
  void fileOverSizeLimitFails() throws Exception {
    StringBuilder rows = new StringBuilder("{\"rows\":[");
    for (int i = 0; i < 60; i++) {
      rows.append(i == 0 ? "" : ",").append(VALID);
    }
    JsonNode job = run("docs", rows.append("]}").toString());
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(job.path("reason").asText())
        .matches(
            "The import file size has reached the maximum limit allowed for importing, "
                + "fileSize=\\d+, maxSize=4096.*");
  }

  @Test
  void failedJobImportsNothing() throws Exception {
    int before = fx.standIn.rows("default", "docs").size();
    JsonNode job =
        run("docs", "{\"rows\":[" + VALID + "," + VALID.replace("\"id\":1", "\"id\":1.5") + "]}");
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(fx.standIn.rows("default", "docs")).hasSize(before);
  }

  @Test
  void rejectsAParquetPathThatIsNotParquet() throws Exception {
    String key = fx.put(".parquet", "PAR1");
    JsonNode job = fx.client.awaitFinal(fx.client.importJob("docs", "[[\"" + key + "\"]]"));
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(job.path("reason").asText()).startsWith("new parquet reader failed");
  }
}
