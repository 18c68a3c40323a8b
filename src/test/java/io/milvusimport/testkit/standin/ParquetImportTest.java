package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.standin.HandMadeFiles.GroupWrite;
import io.milvusimport.testkit.standin.HandMadeFiles.RowSink;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code .parquet} import files through the stand-in: Arrow types, nulls, columns, guards. */
class ParquetImportTest {
  static final String COLLECTION =
      "{\"collectionName\":\"pq_all\",\"schema\":{\"enableDynamicField\":true,\"fields\":["
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
          + "{\"fieldName\":\"ts\",\"dataType\":\"Timestamptz\"},"
          + "{\"fieldName\":\"fv\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"bv\",\"dataType\":\"BinaryVector\",\"elementTypeParams\":{\"dim\":16}},"
          + "{\"fieldName\":\"h\",\"dataType\":\"Float16Vector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"bf\",\"dataType\":\"BFloat16Vector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"iv\",\"dataType\":\"Int8Vector\",\"elementTypeParams\":{\"dim\":2}},"
          + "{\"fieldName\":\"sp\",\"dataType\":\"SparseFloatVector\"},"
          + "{\"fieldName\":\"arr\",\"dataType\":\"Array\",\"elementDataType\":\"Int32\","
          + "\"elementTypeParams\":{\"max_capacity\":3}},"
          + "{\"fieldName\":\"n\",\"dataType\":\"Int32\",\"nullable\":true},"
          + "{\"fieldName\":\"dv\",\"dataType\":\"Int64\",\"defaultValue\":7}]}}";
  static final String SCHEMA =
      "message m {\n"
          + "optional int64 id;\n"
          + "optional boolean b;\n"
          + "optional int32 i8 (INTEGER(8,true));\n"
          + "optional int32 i16 (INTEGER(16,true));\n"
          + "optional int32 i32;\n"
          + "optional float f;\n"
          + "optional double d;\n"
          + "optional binary s (STRING);\n"
          + "optional binary j (STRING);\n"
          + "optional binary geo (STRING);\n"
          + "optional binary ts (STRING);\n"
          + "optional group fv (LIST) { repeated group list { optional float element; } }\n"
          + "optional binary bv;\n"
          + "optional group h (LIST) { repeated group list {"
          + " optional int32 element (INTEGER(8,false)); } }\n"
          + "optional binary bf;\n"
          + "optional group iv (LIST) { repeated group list {"
          + " optional int32 element (INTEGER(8,true)); } }\n"
          + "optional binary sp (STRING);\n"
          + "optional group arr (LIST) { repeated group list { optional int32 element; } }\n"
          + "optional int32 n;\n"
          + "optional binary $meta (STRING);\n"
          + "}";
  private static StandInFixture fx;
  private static StandInFixture fx26;

  @BeforeAll
  static void start() {
    fx = new StandInFixture(b -> b.maxFileSizeBytes(1 << 20));
    fx.standIn.createCollection("default", COLLECTION);
    fx26 = new StandInFixture(b -> b.maxFileSizeBytes(1 << 20).parquetIgnoresExtraColumns());
    fx26.standIn.createCollection("default", COLLECTION);
  }

  @AfterAll
  static void stop() {
    fx.close();
    fx26.close();
  }

  static void list(Group g, String name, Consumer<Group> eachItem, int n) {
    Group l = g.addGroup(name);
    for (int i = 0; i < n; i++) {
      eachItem.accept(l.addGroup("list"));
    }
  }

  /** One complete, valid row ({@code id} varies), leaving out {@code skip} and absent columns. */
  static Group fill(Group g, long id, String... skip) {
    List<String> no = List.of(skip);
    Predicate<String> has = n -> g.getType().containsField(n) && !no.contains(n);
    BiConsumer<String, Object> put =
        (n, v) -> {
          if (!has.test(n)) {
            return;
          }
          if (v instanceof Long) {
            g.append(n, (Long) v);
          } else if (v instanceof Integer) {
            g.append(n, (Integer) v);
          } else if (v instanceof Boolean) {
            g.append(n, (Boolean) v);
          } else if (v instanceof Float) {
            g.append(n, (Float) v);
          } else if (v instanceof Double) {
            g.append(n, (Double) v);
          } else if (v instanceof byte[]) {
            g.append(n, Binary.fromConstantByteArray((byte[]) v));
          } else {
            g.append(n, (String) v);
          }
        };
    put.accept("id", id);
    put.accept("b", id % 2 == 0);
    put.accept("i8", -128);
    put.accept("i16", 300);
    put.accept("i32", -70000);
    put.accept("f", 0.5f);
    put.accept("d", 0.1d);
    put.accept("s", "h\u00e9\u00e9");
    put.accept("j", "{\"k\":[1]}");
    put.accept("geo", "POINT (1 2)");
    put.accept("ts", "2025-01-02T03:04:05.123456+08:00");
    if (has.test("fv")) {
      float[] fv = {1.5f, -2f};
      int[] k = {0};
      list(g, "fv", item -> item.append("element", fv[k[0]++]), 2);
    }
    put.accept("bv", new byte[] {1, (byte) 255});
    if (has.test("h")) {
      int[] h = {0x00, 0x3c, 0x00, 0xc0}; // float16 1.0, -2.0 little-endian
      int[] hk = {0};
      list(g, "h", item -> item.append("element", h[hk[0]++]), 4);
    }
    put.accept("bf", new byte[] {(byte) 0x80, 0x3f, 0x00, 0x3f}); // bfloat16 1.0, 0.5
    if (has.test("iv")) {
      int[] iv = {-1, 127};
      int[] ik = {0};
      list(g, "iv", item -> item.append("element", iv[ik[0]++]), 2);
    }
    put.accept("sp", "{\"3\":0.5,\"1\":0.25}");
    if (has.test("arr")) {
      list(g, "arr", item -> item.append("element", 42), 2);
    }
    put.accept("$meta", "{\"x\":1}");
    return g;
  }

  static String withColumn(String schema, String line) {
    return schema.substring(0, schema.lastIndexOf('}')) + line + "\n}";
  }

  static byte[] file(String schema, Map<String, String> meta, Consumer<RowSink> rows) {
    return HandMadeFiles.parquet(schema, meta, rows);
  }

  static byte[] validFile(int rows) {
    return file(
        SCHEMA,
        Map.of(),
        sink -> {
          for (int i = 1; i <= rows; i++) {
            GroupWrite w = sink.row();
            fill(w.group, i);
            w.write();
          }
        });
  }

  static JsonNode run(StandInFixture f, byte[] parquet) throws Exception {
    String key = f.putBytes("stage/" + UUID.randomUUID() + ".parquet", parquet);
    return f.client.awaitFinal(f.client.importJob("pq_all", "[[\"" + key + "\"]]"));
  }

  static String failure(StandInFixture f, byte[] parquet) throws Exception {
    JsonNode job = run(f, parquet);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Failed");
    return job.path("reason").asText();
  }

  @Test
  void importsEverySupportedTypeWithExactValues() throws Exception {
    JsonNode job = run(fx, validFile(2));
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", "pq_all");
    Map<String, Object> r = rows.get(rows.size() - 1);
    assertThat(r).containsEntry("id", 2L).containsEntry("b", true).containsEntry("i8", -128L);
    assertThat(r).containsEntry("i16", 300L).containsEntry("i32", -70000L);
    assertThat(r).containsEntry("f", 0.5f).containsEntry("d", 0.1d).containsEntry("s", "héé");
    assertThat(r.get("j").toString()).isEqualTo("{\"k\":[1]}");
    assertThat(r).containsEntry("geo", "POINT (1 2)");
    assertThat(r).containsEntry("ts", 1735758245_123456L);
    assertThat(r.get("fv")).isEqualTo(List.of(1.5f, -2f));
    assertThat((byte[]) r.get("bv")).containsExactly(1, 255);
    assertThat(r.get("h")).isEqualTo(List.of(1f, -2f));
    assertThat(r.get("bf")).isEqualTo(List.of(1f, 0.5f));
    assertThat((byte[]) r.get("iv")).containsExactly(-1, 127);
    assertThat(r.get("sp")).isEqualTo(new TreeMap<>(Map.of(1L, 0.25f, 3L, 0.5f)));
    assertThat(r.get("arr")).isEqualTo(List.of(42L, 42L));
    assertThat(r).containsEntry("n", null).containsEntry("dv", 7L);
    assertThat(r.get("$meta").toString()).isEqualTo("{\"x\":1}");
  }

  @Test
  void rejectsAnExtraColumnAsMilvus24And25Do() throws Exception {
    String schema = withColumn(SCHEMA, "optional int32 extra;");
    byte[] data = file(schema, Map.of(), oneRow(g -> g.append("extra", 1)));
    assertThat(failure(fx, data))
        .isEqualTo(
            "the field: extra is not in schema, if it's a dynamic field, please reformat data by"
                + " bulk_writer: importing data failed");
  }

  @Test
  void ignoresAnExtraColumnInMilvus26Mode() throws Exception {
    String schema = withColumn(SCHEMA, "optional int32 extra;");
    JsonNode job = run(fx26, file(schema, Map.of(), oneRow(g -> g.append("extra", 1))));
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx26.standIn.rows("default", "pq_all");
    assertThat(rows.get(rows.size() - 1)).doesNotContainKey("extra");
  }

  @Test
  void rejectsNullInANonNullableColumn() throws Exception {
    byte[] data =
        file(
            SCHEMA,
            Map.of(),
            sink -> {
              GroupWrite w = sink.row();
              fill(w.group, 1);
              w.write();
              w = sink.row();
              fill(w.group, 2, "i32");
              w.write();
            });
    assertThat(failure(fx, data))
        .isEqualTo(
            "the field 'i32' is not nullable but the file contains null value"
                + ": importing data failed");
  }

  @Test
  void rejectsAMissingColumn() throws Exception {
    String schema = SCHEMA.replace("optional boolean b;\n", "");
    byte[] data = file(schema, Map.of(), oneRow(g -> {}, "b"));
    assertThat(failure(fx, data))
        .isEqualTo(
            "schema not equal, err=field 'b' not in arrow schema: importing data failed"
                + ": importing data failed");
  }

  @Test
  void rejectsALargeListFromTheArrowSchema() throws Exception {
    Field element =
        new Field(
            "element",
            FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            null);
    Field fv = new Field("fv", FieldType.nullable(new ArrowType.LargeList()), List.of(element));
    byte[] data = file(SCHEMA, HandMadeFiles.arrowSchema(List.of(fv)), oneRow(g -> {}));
    assertThat(failure(fx, data))
        .isEqualTo(
            "schema not equal, err=field 'fv' type mis-match, expect arrow type"
                + " 'list<item: float32, nullable>', get arrow data type"
                + " 'large_list<element: float32, nullable>': importing data failed"
                + ": importing data failed");
  }

  @Test
  void rejectsARequiredColumnAsAStandInGuard() throws Exception {
    String schema = SCHEMA.replace("optional int32 i32;", "required int32 i32;");
    assertThat(failure(fx, file(schema, Map.of(), oneRow(g -> {}))))
        .startsWith("[milvus stand-in guard, not Milvus] the Parquet column 'i32' is REQUIRED")
        .contains("up to 2.5.4 crash");
  }

  @Test
  void rejectsAVectorOfTheWrongLength() throws Exception {
    String schema = SCHEMA.replace("optional group fv (LIST)", "optional group fv3 (LIST)");
    schema =
        withColumn(
            schema, "optional group fv (LIST) { repeated group list { optional float element; } }");
    byte[] data =
        file(schema, Map.of(), oneRow(g -> list(g, "fv", i -> i.append("element", 1f), 3), "fv"));
    assertThat(failure(fx26, data))
        .isEqualTo(
            "length of vector is not aligned: expected 2 but got 3: invalid parameter, data type:"
                + " FloatVector: importing data failed");
  }

  @Test
  void acceptsTheSparseStructForm() throws Exception {
    String schema =
        SCHEMA.replace(
            "optional binary sp (STRING);",
            "optional group sp { optional group indices (LIST) { repeated group list {"
                + " optional int32 element (INTEGER(32,false)); } }"
                + " optional group values (LIST) { repeated group list {"
                + " optional float element; } } }");
    byte[] data =
        file(
            schema,
            Map.of(),
            oneRow(
                g -> {
                  Group sp = g.addGroup("sp");
                  list(sp, "indices", i -> i.append("element", 9), 1);
                  list(sp, "values", i -> i.append("element", 0.75f), 1);
                },
                "sp"));
    JsonNode job = run(fx, data);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = fx.standIn.rows("default", "pq_all");
    assertThat(rows.get(rows.size() - 1).get("sp")).isEqualTo(new TreeMap<>(Map.of(9L, 0.75f)));
  }

  /** One valid row without the {@code skip} columns, then {@code more} applied to it. */
  static Consumer<RowSink> oneRow(Consumer<Group> more, String... skip) {
    return sink -> {
      GroupWrite w = sink.row();
      fill(w.group, 1, skip);
      more.accept(w.group);
      w.write();
    };
  }
}
