package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.format.HalfFloats;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.MlVectorUdt;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every Milvus field type through {@code df.write()}: the values the stand-in's own reader imported
 * must equal the DataFrame's (as Milvus stores them). Runs with row JSON; subclasses run the same
 * cases with the other formats and replace the ones a format cannot hold.
 */
@Tag("e2e")
class MilvusTypesWriteTest {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NAMES = new AtomicInteger();
  static ImportTestBed bed;

  /** The {@code format} option under test. */
  String format() {
    return "json";
  }

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  /** {@code "fieldName": name, "dataType": type} plus extra JSON members. */
  static String field(String name, String type, String extra) {
    return "{\"fieldName\":\""
        + name
        + "\",\"dataType\":\""
        + type
        + "\""
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  /** A collection of {@code id Int64} primary key, {@code v FloatVector(2)} and the fields. */
  static String collection(boolean dynamic, String... fields) {
    String name = "types_" + NAMES.incrementAndGet();
    StringBuilder body =
        new StringBuilder("{\"collectionName\":\"" + name + "\",\"schema\":{\"autoID\":false,")
            .append("\"enableDynamicField\":")
            .append(dynamic)
            .append(",\"fields\":[")
            .append(field("id", "Int64", "\"isPrimary\":true"))
            .append(",")
            .append(field("v", "FloatVector", "\"elementTypeParams\":{\"dim\":\"2\"}"));
    for (String f : fields) {
      body.append(",").append(f);
    }
    bed.standIn().createCollection("default", body.append("]}}").toString());
    return name;
  }

  /** A DataFrame of {@code id, v} plus the given columns, one row per value array. */
  DataFrameWriter<Row> writer(String collection, StructType columns, Object[]... rows) {
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("v", DataTypes.createArrayType(DataTypes.FloatType), false);
    for (var column : columns.fields()) {
      schema = schema.add(column);
    }
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      Object[] values = new Object[rows[i].length + 2];
      values[0] = (long) i;
      values[1] = Arrays.asList((float) i, i + 0.5f);
      System.arraycopy(rows[i], 0, values, 2, rows[i].length);
      data.add(RowFactory.create(values));
    }
    return bed.writer(
            bed.spark().createDataFrame(data, schema).repartition(2),
            collection,
            "s3a://" + ImportTestBed.BUCKET + "/types/")
        .option("format", format());
  }

  static StructType columns(Object... nameTypePairs) {
    StructType type = new StructType();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      type = type.add((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true);
    }
    return type;
  }

  static Object[] row(Object... values) {
    return values;
  }

  /** Imported rows ordered by id. */
  static List<Map<String, Object>> imported(String collection) {
    List<Map<String, Object>> rows = new ArrayList<>(bed.imported(collection));
    rows.sort(Comparator.comparingLong(r -> (Long) r.get("id")));
    return rows;
  }

  /** A stored JSON document, re-read so number node classes compare equal. */
  static JsonNode json(Object stored) throws Exception {
    return JSON.readTree(String.valueOf(stored));
  }

  static List<Object> importedColumn(String collection, String key) {
    List<Object> values = new ArrayList<>();
    imported(collection).forEach(r -> values.add(r.get(key)));
    return values;
  }

  @Test
  void writesBool() {
    String c = collection(false, field("flag", "Bool", ""));
    writer(c, columns("flag", DataTypes.BooleanType), row(true), row(false)).save();
    assertThat(importedColumn(c, "flag")).containsExactly(true, false);
    assertThat(importedColumn(c, "v")).containsExactly(List.of(0f, 0.5f), List.of(1f, 1.5f));
  }

  @Test
  void writesInt8Int16Int32FromWiderColumnsWhenValuesFit() {
    String c =
        collection(
            false, field("i8", "Int8", ""), field("i16", "Int16", ""), field("i32", "Int32", ""));
    writer(
            c,
            columns(
                "i8", DataTypes.LongType, "i16", DataTypes.IntegerType, "i32", DataTypes.LongType),
            row(-128L, 32767, 2147483647L),
            row(127L, -32768, -2147483648L))
        .save();
    assertThat(importedColumn(c, "i8")).containsExactly(-128L, 127L);
    assertThat(importedColumn(c, "i16")).containsExactly(32767L, -32768L);
    assertThat(importedColumn(c, "i32")).containsExactly(2147483647L, -2147483648L);
  }

  @Test
  void rejectsWiderIntegerThatDoesNotFitNamingFieldValueAndRow() {
    String c = collection(false, field("i8", "Int8", ""));
    Throwable thrown =
        catchThrowable(
            () -> writer(c, columns("i8", DataTypes.IntegerType), row(1), row(300)).save());
    assertThat(thrown)
        .hasStackTraceContaining("field 'i8' (Int8)")
        .hasStackTraceContaining("out of range for Int8 (-128 to 127); value: 300")
        .hasStackTraceContaining("in Spark partition");
    assertThat(bed.imported(c)).isEmpty();
  }

  @Test
  void writesInt64FromDecimalWithoutFraction() {
    String c = collection(false, field("big", "Int64", ""));
    writer(
            c,
            columns("big", DataTypes.createDecimalType(19, 0)),
            row(new BigDecimal("9223372036854775807")),
            row(new BigDecimal("-5")))
        .save();
    assertThat(importedColumn(c, "big")).containsExactly(Long.MAX_VALUE, -5L);
  }

  @Test
  void writesFloatFromDoubleAndDoubleFromDecimal() {
    String c = collection(false, field("f", "Float", ""), field("d", "Double", ""));
    writer(
            c,
            columns("f", DataTypes.DoubleType, "d", DataTypes.createDecimalType(10, 3)),
            row(0.1, new BigDecimal("1234567.891")),
            row(-3.5e20, new BigDecimal("-0.001")))
        .save();
    assertThat(importedColumn(c, "f")).containsExactly(0.1f, -3.5e20f);
    assertThat(importedColumn(c, "d")).containsExactly(1234567.891, -0.001);
  }

  @Test
  void writesVarCharUpToMaxLengthInUtf8Bytes() {
    String c =
        collection(false, field("t", "VarChar", "\"elementTypeParams\":{\"max_length\":\"6\"}"));
    writer(c, columns("t", DataTypes.StringType), row("ééé"), row("abc\"\\\n")).save();
    assertThat(importedColumn(c, "t")).containsExactly("ééé", "abc\"\\\n");
  }

  @Test
  void writesJsonFromStringStructAndMap() throws Exception {
    String c =
        collection(
            false, field("js", "JSON", ""), field("jst", "JSON", ""), field("jm", "JSON", ""));
    StructType struct =
        new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("x", 1.5);
    writer(
            c,
            columns(
                "js",
                DataTypes.StringType,
                "jst",
                struct,
                "jm",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType)),
            row("{\"k\": [1, 2, {\"n\": null}]}", RowFactory.create(7, "seven"), map))
        .save();
    Map<String, Object> r = imported(c).get(0);
    assertThat(json(r.get("js"))).isEqualTo(JSON.readTree("{\"k\":[1,2,{\"n\":null}]}"));
    assertThat(json(r.get("jst"))).isEqualTo(JSON.readTree("{\"a\":7,\"b\":\"seven\"}"));
    assertThat(json(r.get("jm"))).isEqualTo(JSON.readTree("{\"x\":1.5}"));
  }

  /**
   * Milvus's readers take any JSON value in a JSON field's text (row JSON: a string holding JSON,
   * Parquet and NPY: the text itself), not only objects; each must arrive as the value given.
   */
  @Test
  void writesJsonTextThatIsNotAnObject() throws Exception {
    String c = collection(false, field("js", "JSON", ""));
    writer(
            c,
            columns("js", DataTypes.StringType),
            row("[1, 2]"),
            row("\"txt\""),
            row("5"),
            row("true"),
            row("{\"a\": [1]}"))
        .save();
    List<Map<String, Object>> rows = imported(c);
    assertThat(rows).hasSize(5);
    assertThat(json(rows.get(0).get("js"))).isEqualTo(JSON.readTree("[1,2]"));
    assertThat(json(rows.get(1).get("js"))).isEqualTo(JSON.readTree("\"txt\""));
    assertThat(json(rows.get(2).get("js"))).isEqualTo(JSON.readTree("5"));
    assertThat(json(rows.get(3).get("js"))).isEqualTo(JSON.readTree("true"));
    assertThat(json(rows.get(4).get("js"))).isEqualTo(JSON.readTree("{\"a\":[1]}"));
  }

  @Test
  void rejectsInvalidJsonText() {
    String c = collection(false, field("js", "JSON", ""));
    assertThat(
            catchThrowable(
                () -> writer(c, columns("js", DataTypes.StringType), row("{oops")).save()))
        .hasStackTraceContaining("field 'js' (JSON)")
        .hasStackTraceContaining("string is not valid JSON");
  }

  @Test
  void writesArraysOfScalars() {
    String c =
        collection(
            false,
            field(
                "ai",
                "Array",
                "\"elementDataType\":\"Int32\",\"elementTypeParams\":{\"max_capacity\":\"3\"}"),
            field(
                "as",
                "Array",
                "\"elementDataType\":\"VarChar\",\"elementTypeParams\":{\"max_capacity\":\"2\",\"max_length\":\"8\"}"));
    writer(
            c,
            columns(
                "ai", DataTypes.createArrayType(DataTypes.LongType),
                "as", DataTypes.createArrayType(DataTypes.StringType)),
            row(Arrays.asList(1L, -2L, 3L), Arrays.asList("x", "yz")),
            row(Arrays.asList(), Arrays.asList("only")))
        .save();
    assertThat(importedColumn(c, "ai")).containsExactly(List.of(1L, -2L, 3L), List.of());
    assertThat(importedColumn(c, "as")).containsExactly(List.of("x", "yz"), List.of("only"));
  }

  @Test
  void rejectsArrayOverCapacityAndNullElements() {
    String c =
        collection(
            false,
            field(
                "ai",
                "Array",
                "\"elementDataType\":\"Int64\",\"elementTypeParams\":{\"max_capacity\":\"2\"}"));
    StructType cols = columns("ai", DataTypes.createArrayType(DataTypes.LongType));
    assertThat(catchThrowable(() -> writer(c, cols, row(Arrays.asList(1L, 2L, 3L))).save()))
        .hasStackTraceContaining("field 'ai' (Array)")
        .hasStackTraceContaining("array has 3 elements, over max_capacity 2");
    assertThat(catchThrowable(() -> writer(c, cols, row(Arrays.asList(1L, null))).save()))
        .hasStackTraceContaining("element 1 is null; Milvus arrays cannot hold nulls");
  }

  @Test
  void writesFloatVectorFromDoublesAndMlVectors() {
    String c =
        collection(
            false,
            field("fd", "FloatVector", "\"elementTypeParams\":{\"dim\":\"3\"}"),
            field("fm", "FloatVector", "\"elementTypeParams\":{\"dim\":\"3\"}"));
    writer(
            c,
            columns("fd", DataTypes.createArrayType(DataTypes.DoubleType), "fm", new MlVectorUdt()),
            row(Arrays.asList(0.1, 0.2, 0.3), MlVectorUdt.Vector.dense(1, 2, 3)),
            row(
                Arrays.asList(-1.0, 0.0, 1e-7),
                MlVectorUdt.Vector.sparse(3, new int[] {1}, new double[] {4})))
        .save();
    assertThat(importedColumn(c, "fd"))
        .containsExactly(List.of(0.1f, 0.2f, 0.3f), List.of(-1f, 0f, 1e-7f));
    assertThat(importedColumn(c, "fm")).containsExactly(List.of(1f, 2f, 3f), List.of(0f, 4f, 0f));
  }

  @Test
  void writesFloat16VectorAsMilvusStoresIt() {
    String c =
        collection(
            false,
            field("h", "Float16Vector", "\"elementTypeParams\":{\"dim\":\"2\"}"),
            field("hb", "Float16Vector", "\"elementTypeParams\":{\"dim\":\"2\"}"));
    byte[] bits = halfBytes(HalfFloats.toFloat16(1.5f), HalfFloats.toFloat16(-0.333f));
    writer(
            c,
            columns(
                "h", DataTypes.createArrayType(DataTypes.FloatType), "hb", DataTypes.BinaryType),
            row(Arrays.asList(1f / 3, 65504f), bits))
        .save();
    Map<String, Object> r = imported(c).get(0);
    // Milvus rounds the JSON floats to float16 (nearest even) when it stores them.
    assertThat(r.get("h")).isEqualTo(List.of(0.333251953125f, 65504f));
    assertThat(r.get("hb"))
        .isEqualTo(List.of(1.5f, HalfFloats.fromFloat16(HalfFloats.toFloat16(-0.333f))));
  }

  @Test
  void writesBFloat16VectorAsMilvusStoresIt() {
    String c =
        collection(
            false,
            field("b", "BFloat16Vector", "\"elementTypeParams\":{\"dim\":\"2\"}"),
            field("bb", "BFloat16Vector", "\"elementTypeParams\":{\"dim\":\"2\"}"));
    byte[] bits = halfBytes(HalfFloats.toBFloat16(2.5f), HalfFloats.toBFloat16(-1e30f));
    writer(
            c,
            columns(
                "b", DataTypes.createArrayType(DataTypes.FloatType), "bb", DataTypes.BinaryType),
            row(Arrays.asList(1f / 3, (float) -Math.PI), bits))
        .save();
    Map<String, Object> r = imported(c).get(0);
    assertThat(r.get("b"))
        .isEqualTo(List.of(storedBFloat16(1f / 3), storedBFloat16((float) -Math.PI)));
    assertThat(r.get("bb"))
        .isEqualTo(List.of(2.5f, HalfFloats.fromBFloat16(HalfFloats.toBFloat16(-1e30f))));
  }

  /**
   * The bfloat16 Milvus stores for a float: from row JSON it keeps the top 16 bits (truncation);
   * column formats carry bfloat16 bits, which the connector rounds to nearest even.
   */
  float storedBFloat16(float value) {
    return Float.intBitsToFloat(Float.floatToIntBits(value) & 0xffff0000);
  }

  static byte[] halfBytes(short... values) {
    byte[] bytes = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      bytes[2 * i] = (byte) values[i];
      bytes[2 * i + 1] = (byte) (values[i] >> 8);
    }
    return bytes;
  }

  @Test
  void writesBinaryVectorFromPackedBytes() {
    String c =
        collection(false, field("bits", "BinaryVector", "\"elementTypeParams\":{\"dim\":\"16\"}"));
    writer(c, columns("bits", DataTypes.BinaryType), row((Object) new byte[] {(byte) 0xff, 0x01}))
        .save();
    assertThat((byte[]) imported(c).get(0).get("bits")).containsExactly((byte) 0xff, (byte) 0x01);
    assertThat(
            catchThrowable(
                () ->
                    writer(c, columns("bits", DataTypes.BinaryType), row((Object) new byte[3]))
                        .save()))
        .hasStackTraceContaining("field 'bits' (BinaryVector)")
        .hasStackTraceContaining("expected 2 bytes (dim 16 bits), got 3");
  }

  @Test
  void writesInt8Vector() {
    String c =
        collection(false, field("i8v", "Int8Vector", "\"elementTypeParams\":{\"dim\":\"3\"}"));
    writer(
            c,
            columns("i8v", DataTypes.createArrayType(DataTypes.ByteType)),
            row(Arrays.asList((byte) -128, (byte) 0, (byte) 127)))
        .save();
    assertThat((byte[]) imported(c).get(0).get("i8v")).containsExactly(-128, 0, 127);
  }

  @Test
  void writesSparseVectorsFromMapStructAndMlVector() {
    String c =
        collection(
            false,
            field("sm", "SparseFloatVector", ""),
            field("ss", "SparseFloatVector", ""),
            field("sv", "SparseFloatVector", ""));
    Map<Long, Float> map = new HashMap<>();
    map.put(4294967294L, 0.5f);
    map.put(3L, 0.25f);
    StructType pairs =
        new StructType()
            .add("indices", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("values", DataTypes.createArrayType(DataTypes.DoubleType));
    writer(
            c,
            columns(
                "sm",
                DataTypes.createMapType(DataTypes.LongType, DataTypes.FloatType),
                "ss",
                pairs,
                "sv",
                new MlVectorUdt()),
            row(
                map,
                RowFactory.create(Arrays.asList(9, 2), Arrays.asList(1.0, 2.0)),
                MlVectorUdt.Vector.sparse(100, new int[] {7}, new double[] {0.75})))
        .save();
    Map<String, Object> r = imported(c).get(0);
    assertThat(r.get("sm")).isEqualTo(new TreeMap<>(Map.of(3L, 0.25f, 4294967294L, 0.5f)));
    assertThat(r.get("ss")).isEqualTo(new TreeMap<>(Map.of(2L, 2f, 9L, 1f)));
    assertThat(r.get("sv")).isEqualTo(new TreeMap<>(Map.of(7L, 0.75f)));
  }

  @Test
  void rejectsBadSparseEntries() {
    String c = collection(false, field("sm", "SparseFloatVector", ""));
    StructType cols =
        columns("sm", DataTypes.createMapType(DataTypes.LongType, DataTypes.FloatType));
    assertThat(catchThrowable(() -> writer(c, cols, row(Map.of(1L, -0.5f))).save()))
        .hasStackTraceContaining("field 'sm' (SparseFloatVector)")
        .hasStackTraceContaining("value -0.5 at index 1 is not a finite non-negative float32");
    assertThat(catchThrowable(() -> writer(c, cols, row(Map.of(4294967295L, 1f))).save()))
        .hasStackTraceContaining("index 4294967295 is outside [0, 4294967295)");
  }

  @Test
  void writesTimestamptzAsUtcMicroseconds() {
    String c = collection(false, field("ts", "Timestamptz", ""));
    writer(
            c,
            columns("ts", DataTypes.TimestampType),
            row(Instant.parse("2024-10-23T15:30:00.123456Z")),
            row(Instant.parse("1969-12-31T23:59:59.5Z")))
        .save();
    assertThat(importedColumn(c, "ts")).containsExactly(1729697400123456L, -500000L);
  }

  @Test
  void writesGeometryFromWkt() {
    String c = collection(false, field("g", "Geometry", ""));
    writer(
            c,
            columns("g", DataTypes.StringType),
            row("POINT (30 10)"),
            row("POLYGON ((0 0, 1 0, 1 1, 0 0))"))
        .save();
    assertThat(importedColumn(c, "g"))
        .containsExactly("POINT (30 10)", "POLYGON ((0 0, 1 0, 1 1, 0 0))");
    assertThat(
            catchThrowable(
                () -> writer(c, columns("g", DataTypes.StringType), row("CIRCLE (1 2)")).save()))
        .hasStackTraceContaining("field 'g' (Geometry)")
        .hasStackTraceContaining("string is not a WKT geometry");
  }

  @Test
  void writesNullsAndLeavesOutColumnsOfNullableAndDefaultFields() {
    String c =
        collection(
            false,
            field("n", "VarChar", "\"nullable\":true,\"elementTypeParams\":{\"max_length\":\"8\"}"),
            field("d", "Int32", "\"defaultValue\":42"),
            field("absent", "Double", "\"nullable\":true"));
    writer(
            c,
            columns("n", DataTypes.StringType, "d", DataTypes.IntegerType),
            row(null, null),
            row("x", 7))
        .save();
    List<Map<String, Object>> rows = imported(c);
    assertThat(rows.get(0))
        .containsEntry("n", null)
        .containsEntry("d", 42L)
        .containsEntry("absent", null);
    assertThat(rows.get(1)).containsEntry("n", "x").containsEntry("d", 7L);
  }

  @Test
  void rejectsNullInRequiredField() {
    String c = collection(false, field("r", "Int64", ""));
    assertThat(
            catchThrowable(
                () -> writer(c, columns("r", DataTypes.LongType), row((Object) null)).save()))
        .hasStackTraceContaining("field 'r' (Int64)")
        .hasStackTraceContaining("null is not allowed");
  }

  @Test
  void putsExtraColumnsAndExplicitMetaIntoTheDynamicField() throws Exception {
    String c = collection(true);
    writer(
            c,
            columns(
                "color",
                DataTypes.StringType,
                "size",
                DataTypes.IntegerType,
                "$meta",
                DataTypes.StringType),
            row("red", 3, "{\"tags\": [\"a\"]}"),
            row(null, 4, null))
        .save();
    List<Map<String, Object>> rows = imported(c);
    assertThat(json(rows.get(0).get("$meta")))
        .isEqualTo(JSON.readTree("{\"color\":\"red\",\"size\":3,\"tags\":[\"a\"]}"));
    assertThat(json(rows.get(1).get("$meta"))).isEqualTo(JSON.readTree("{\"size\":4}"));
  }

  @Test
  void rejectsKeyBothInMetaAndAtTopLevel() {
    String c = collection(true);
    assertThat(
            catchThrowable(
                () ->
                    writer(
                            c,
                            columns("color", DataTypes.StringType, "$meta", DataTypes.StringType),
                            row("red", "{\"color\": \"blue\"}"))
                        .save()))
        .hasStackTraceContaining("dynamic field key '$meta'")
        .hasStackTraceContaining("key 'color' is inside $meta and also a column of the row");
  }

  @Test
  void renamesColumnsWithColumnMappingAndFillsDefaultValues() {
    String c =
        collection(
            false,
            field("title", "VarChar", "\"elementTypeParams\":{\"max_length\":\"16\"}"),
            field("year", "Int16", ""),
            field("w", "FloatVector", "\"elementTypeParams\":{\"dim\":\"2\"}"));
    writer(c, columns("headline", DataTypes.StringType), row("hello"), row("world"))
        .option("columnMapping", "headline:title")
        .option("defaultValues", "{\"year\": 2024, \"w\": [0.5, 0.25]}")
        .save();
    List<Map<String, Object>> rows = imported(c);
    assertThat(rows).extracting(r -> r.get("title")).containsExactly("hello", "world");
    assertThat(rows).extracting(r -> r.get("year")).containsExactly(2024L, 2024L);
    assertThat(rows).extracting(r -> r.get("w")).containsOnly(List.of(0.5f, 0.25f));
  }

  @Test
  void skipsInvalidRowsWhenAskedAndImportsTheRest() {
    String c =
        collection(false, field("t", "VarChar", "\"elementTypeParams\":{\"max_length\":\"3\"}"));
    writer(
            c,
            columns("t", DataTypes.StringType),
            row("ok"),
            row("too long"),
            row("yes"),
            row((Object) null))
        .option("invalidRows", "skip")
        .option("maxInvalidRows", "2")
        .save();
    assertThat(importedColumn(c, "t")).containsExactly("ok", "yes");
    assertThat(importedColumn(c, "id")).containsExactly(0L, 2L);
  }
}
