package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.HandMadeFiles.le;
import static io.milvusimport.testkit.standin.HandMadeFiles.npy;
import static io.milvusimport.testkit.standin.HandMadeFiles.utf32;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Column-based {@code .npy} groups through the stand-in: Milvus's dtype, shape and group rules. */
class NpyImportTest {
  static final String ALL =
      "{\"collectionName\":\"npy_all\",\"schema\":{\"enableDynamicField\":true,\"fields\":["
          + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"b\",\"dataType\":\"Bool\"},"
          + "{\"fieldName\":\"i8\",\"dataType\":\"Int8\"},"
          + "{\"fieldName\":\"i16\",\"dataType\":\"Int16\"},"
          + "{\"fieldName\":\"i32\",\"dataType\":\"Int32\"},"
          + "{\"fieldName\":\"f\",\"dataType\":\"Float\"},"
          + "{\"fieldName\":\"d\",\"dataType\":\"Double\"},"
          + "{\"fieldName\":\"s\",\"dataType\":\"VarChar\",\"elementTypeParams\":{\"max_length\":6}},"
          + "{\"fieldName\":\"j\",\"dataType\":\"JSON\"},"
          + "{\"fieldName\":\"geo\",\"dataType\":\"Geometry\"},"
          + "{\"fieldName\":\"fv\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"bv\",\"dataType\":\"BinaryVector\",\"elementTypeParams\":{\"dim\":16}},"
          + "{\"fieldName\":\"h\",\"dataType\":\"Float16Vector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"bf\",\"dataType\":\"BFloat16Vector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"iv\",\"dataType\":\"Int8Vector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"n\",\"dataType\":\"Int32\",\"nullable\":true},"
          + "{\"fieldName\":\"dv\",\"dataType\":\"Int64\",\"defaultValue\":7}]}}";
  static final String TS =
      "{\"collectionName\":\"npy_ts\",\"schema\":{\"fields\":["
          + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"ts\",\"dataType\":\"Timestamptz\"}]}}";
  private static StandInFixture fx;

  @BeforeAll
  static void start() {
    fx = new StandInFixture(b -> b.maxFileSizeBytes(1 << 20));
    fx.standIn.createCollection("default", ALL);
    fx.standIn.createCollection("default", TS);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** Two valid rows, one file per field (no file for the nullable / default fields). */
  static Map<String, byte[]> validGroup() {
    Map<String, byte[]> g = new LinkedHashMap<>();
    long[] two = {2};
    g.put("id", npy("<i8", two, le(16, b -> b.putLong(1).putLong(2))));
    g.put("b", npy("|b1", two, new byte[] {1, 0}));
    g.put("i8", npy("|i1", two, new byte[] {-128, 127}));
    g.put("i16", npy("<i2", two, le(4, b -> b.putShort((short) -300).putShort((short) 300))));
    g.put("i32", npy("<i4", two, le(8, b -> b.putInt(-70000).putInt(70000))));
    g.put("f", npy("<f4", two, le(8, b -> b.putFloat(0.5f).putFloat(-1.25f))));
    g.put("d", npy("<f8", two, le(16, b -> b.putDouble(0.1).putDouble(1e300))));
    g.put("s", npy("<U3", two, utf32(3, "héé", "")));
    g.put("j", npy("<U9", two, utf32(9, "{\"k\":[1]}", "7")));
    g.put("geo", npy("<U11", two, utf32(11, "POINT (1 2)", "POINT EMPTY")));
    g.put(
        "fv",
        npy(
            "<f4",
            new long[] {2, 2},
            le(16, b -> b.putFloat(1).putFloat(2).putFloat(3).putFloat(4))));
    g.put("bv", npy("|u1", new long[] {2, 2}, new byte[] {1, (byte) 255, 0, 8}));
    // float16 1.0 = 0x3c00, -2.0 = 0xc000; bfloat16 1.0 = 0x3f80, 0.5 = 0x3f00
    g.put(
        "h",
        npy(
            "|u1",
            new long[] {2, 4},
            le(
                8,
                b ->
                    b.putShort((short) 0x3c00)
                        .putShort((short) 0xc000)
                        .putShort((short) 0)
                        .putShort((short) 0x3c00))));
    g.put(
        "bf",
        npy(
            "|u1",
            new long[] {2, 4},
            le(
                8,
                b ->
                    b.putShort((short) 0x3f80)
                        .putShort((short) 0x3f00)
                        .putShort((short) 0)
                        .putShort((short) 0x3f80))));
    g.put("iv", npy("|i1", new long[] {2, 2}, new byte[] {-1, 1, 127, -128}));
    g.put("$meta", npy("<U7", two, utf32(7, "{\"x\":1}", "{}")));
    return g;
  }

  static List<String> upload(Map<String, byte[]> group) {
    String dir = "stage/" + UUID.randomUUID() + "/";
    List<String> keys = new ArrayList<>();
    group.forEach((name, data) -> keys.add(fx.putBytes(dir + name + ".npy", data)));
    return keys;
  }

  static JsonNode run(String collection, Map<String, byte[]> group) throws Exception {
    String files =
        upload(group).stream()
            .map(k -> "\"" + k + "\"")
            .collect(Collectors.joining(",", "[[", "]]"));
    return fx.client.awaitFinal(fx.client.importJob(collection, files));
  }

  static String failure(String collection, Map<String, byte[]> group) throws Exception {
    JsonNode job = run(collection, group);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Failed");
    return job.path("reason").asText();
  }

  @Test
  void importsEveryNumpyDtypeWithExactValues() throws Exception {
    JsonNode job = run("npy_all", validGroup());
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", "npy_all");
    Map<String, Object> r0 = rows.get(rows.size() - 2);
    Map<String, Object> r1 = rows.get(rows.size() - 1);
    assertThat(r0).containsEntry("id", 1L).containsEntry("b", true).containsEntry("i8", -128L);
    assertThat(r0).containsEntry("i16", -300L).containsEntry("i32", -70000L);
    assertThat(r0).containsEntry("f", 0.5f).containsEntry("d", 0.1d).containsEntry("s", "héé");
    assertThat(r1).containsEntry("s", "").containsEntry("d", 1e300).containsEntry("b", false);
    assertThat(r0.get("j").toString()).isEqualTo("{\"k\":[1]}");
    assertThat(r1.get("j").toString()).isEqualTo("7");
    assertThat(r0).containsEntry("geo", "POINT (1 2)");
    assertThat(r0.get("fv")).isEqualTo(List.of(1f, 2f));
    assertThat(r1.get("fv")).isEqualTo(List.of(3f, 4f));
    assertThat((byte[]) r0.get("bv")).containsExactly(1, 255);
    assertThat(r0.get("h")).isEqualTo(List.of(1f, -2f));
    assertThat(r0.get("bf")).isEqualTo(List.of(1f, 0.5f));
    assertThat((byte[]) r1.get("iv")).containsExactly(127, -128);
    assertThat(r0).containsEntry("n", null).containsEntry("dv", 7L);
    assertThat(r0.get("$meta").toString()).isEqualTo("{\"x\":1}");
    assertThat(r1.get("$meta").toString()).isEqualTo("{}");
  }

  @Test
  void acceptsBytesStringsAndDoubleFloatVectors() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.put("s", npy("|S4", new long[] {2}, new byte[] {'a', 'b', 0, 0, 'c', 'd', 'e', 'f'}));
    g.put(
        "fv",
        npy(
            "<f8",
            new long[] {2, 2},
            le(32, b -> b.putDouble(1).putDouble(2).putDouble(3).putDouble(4))));
    g.remove("$meta");
    JsonNode job = run("npy_all", g);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", "npy_all");
    Map<String, Object> last = rows.get(rows.size() - 1);
    assertThat(last).containsEntry("s", "cdef");
    assertThat(last.get("fv")).isEqualTo(List.of(3f, 4f));
    assertThat(last.get("$meta").toString()).isEqualTo("{}");
  }

  @Test
  void rejectsDoubleDtypeForFloatField() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.put("f", npy("<f8", new long[] {2}, le(16, b -> b.putDouble(0.5).putDouble(1))));
    assertThat(failure("npy_all", g))
        .isEqualTo(
            "expected element type 'Float' for field 'f', got type 'Double': importing data failed");
  }

  @Test
  void rejectsMisalignedRowCounts() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.put("i32", npy("<i4", new long[] {3}, le(12, b -> b.putInt(1).putInt(2).putInt(3))));
    assertThat(failure("npy_all", g))
        .isEqualTo(
            "imported rows are not aligned, field 'id' with '2' rows, field 'i32' with '3' rows"
                + ": importing data failed");
  }

  @Test
  void rejectsAGroupWithoutAFileForARequiredField() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.remove("fv");
    assertThat(failure("npy_all", g))
        .startsWith("no file for field: fv, files: [stage/")
        .endsWith("/$meta.npy]: importing data failed");
  }

  @Test
  void rejectsWrongDimensionAndShape() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.put("fv", npy("<f4", new long[] {2, 3}, new byte[24]));
    assertThat(failure("npy_all", g))
        .isEqualTo(
            "expected dim '2' for FloatVector field 'fv', got dim '3': importing data failed");
    g = validGroup();
    g.put("fv", npy("<f4", new long[] {4}, new byte[16]));
    assertThat(failure("npy_all", g))
        .isEqualTo(
            "expected shape '2' for FloatVector field 'fv', got shape '1': importing data failed");
  }

  @Test
  void rejectsObjectDtypeAndTooLongVarChar() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.put("j", npy("|O", new long[] {2}, new byte[16]));
    assertThat(failure("npy_all", g))
        .isEqualTo(
            "unexpected numpy header for field 'j': 'the numpy file dtype '|O' is not supported'"
                + ": importing data failed");
    g = validGroup();
    g.put("s", npy("<U4", new long[] {2}, utf32(4, "éééé", "a")));
    assertThat(failure("npy_all", g))
        .isEqualTo("value length(8) for field s exceeds max_length(6)");
  }

  @Test
  void rejectsFortranOrderAsAStandInGuard() throws Exception {
    Map<String, byte[]> g = validGroup();
    g.put("fv", npy("<f4", true, new long[] {2, 2}, new byte[16]));
    assertThat(failure("npy_all", g))
        .startsWith("[milvus stand-in guard, not Milvus] the numpy file of field 'fv'")
        .contains("reads the data in C order");
  }

  @Test
  void rejectsCollectionsWithArrayOrSparseFields() throws Exception {
    Map<String, byte[]> g = new LinkedHashMap<>();
    g.put("id", npy("<i8", new long[] {1}, new byte[8]));
    assertThat(failure("docs", g))
        .isEqualTo(
            "unsupported importing numpy files for collection with data type: Array"
                + ": importing data failed");
  }

  @Test
  void rejectsTimestamptzFilesAsMilvusValidateHeaderDoes() throws Exception {
    Map<String, byte[]> g = new LinkedHashMap<>();
    g.put("id", npy("<i8", new long[] {1}, new byte[8]));
    g.put("ts", npy("<U20", new long[] {1}, utf32(20, "2025-01-01T00:00:00Z")));
    assertThat(failure("npy_ts", g))
        .isEqualTo(
            "expected element type 'Timestamptz' for field 'ts', got type 'VarChar'"
                + ": importing data failed");
  }
}
