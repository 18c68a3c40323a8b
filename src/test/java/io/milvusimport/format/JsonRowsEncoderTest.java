package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.InvalidRowException;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class JsonRowsEncoderTest {
  private static final CollectionSchema DOCS =
      new CollectionSchema(
          "default",
          "docs",
          List.of(
              MilvusField.builder("id", "Int64").primaryKey(true).build(),
              MilvusField.builder("embedding", "FloatVector").dim(3).build(),
              MilvusField.builder("text", "VarChar").maxLength(5).build(),
              MilvusField.builder("score", "Float").nullable(true).build(),
              MilvusField.builder("small", "Int8").build(),
              MilvusField.builder("ok", "Bool").build()),
          true);
  private static final StructType FRAME =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType))
          .add("text", DataTypes.StringType)
          .add("score", DataTypes.DoubleType)
          .add("small", DataTypes.IntegerType)
          .add("ok", DataTypes.BooleanType)
          .add("color", DataTypes.StringType);

  private static InternalRow row(long id, float[] vector, String text, Double score, int small) {
    return new GenericInternalRow(
        new Object[] {
          id,
          new GenericArrayData(vector),
          UTF8String.fromString(text),
          score,
          small,
          true,
          UTF8String.fromString("red")
        });
  }

  private static String encode(InternalRow... rows) throws Exception {
    RowLayout layout = WritePlanner.plan(DOCS, FRAME, PlanSettings.none());
    JsonRowsEncoder encoder = new JsonRowsEncoder(layout, 7, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encoder.start(suffix -> out);
    for (int i = 0; i < rows.length; i++) {
      encoder.write(rows[i], i);
    }
    long bytes = encoder.bytes();
    encoder.finish();
    // bytes() counts everything written so far, buffered or not; finish() adds the closing ]}.
    assertThat(out.size()).isEqualTo(bytes + 2);
    return out.toString("UTF-8");
  }

  @Test
  void writesRowsObjectWithFieldsAndDynamicKeys() throws Exception {
    String json =
        encode(
            row(1, new float[] {0.1f, -2.5f, 3e-8f}, "héll", 0.25, -128),
            row(2, new float[] {1, 2, 3}, "", null, 127));
    JsonNode rows = new ObjectMapper().readTree(json).get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("id").isIntegralNumber()).isTrue();
    assertThat(rows.get(0).get("embedding").get(0).floatValue()).isEqualTo(0.1f);
    assertThat(rows.get(0).get("embedding").get(2).floatValue()).isEqualTo(3e-8f);
    assertThat(rows.get(0).get("text").asText()).isEqualTo("héll");
    assertThat(rows.get(0).get("score").floatValue()).isEqualTo(0.25f);
    assertThat(rows.get(0).get("color").asText()).isEqualTo("red");
    assertThat(rows.get(1).get("score").isNull()).isTrue();
    assertThat(rows.get(1).get("small").asInt()).isEqualTo(127);
  }

  @Test
  void rejectsVectorWithWrongDimension() {
    assertThatThrownBy(() -> encode(row(1, new float[] {1, 2}, "a", 1.0, 0)))
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("field 'embedding' (FloatVector)")
        .hasMessageContaining("Spark partition 7, row 0")
        .hasMessageContaining("expected dim 3, got 2 values; value: [1.0, 2.0]");
  }

  @Test
  void rejectsNaNInVector() {
    assertThatThrownBy(() -> encode(row(1, new float[] {1, Float.NaN, 2}, "a", 1.0, 0)))
        .hasMessageContaining("field 'embedding'")
        .hasMessageContaining("element 1 is NaN");
  }

  @Test
  void rejectsInfinityInFloatField() {
    assertThatThrownBy(
            () -> encode(row(1, new float[] {1, 2, 3}, "a", Double.POSITIVE_INFINITY, 0)))
        .hasMessageContaining("field 'score' (Float)")
        .hasMessageContaining("NaN and infinity are not allowed");
  }

  @Test
  void countsVarCharLengthInUtf8Bytes() {
    assertThatThrownBy(() -> encode(row(1, new float[] {1, 2, 3}, "ééé", 1.0, 0)))
        .hasMessageContaining("field 'text' (VarChar)")
        .hasMessageContaining("string is 6 UTF-8 bytes long, over max_length 5");
  }

  @Test
  void rejectsIntegerOutOfFieldRange() {
    assertThatThrownBy(() -> encode(row(1, new float[] {1, 2, 3}, "a", 1.0, 128)))
        .hasMessageContaining("field 'small' (Int8)")
        .hasMessageContaining("out of range for Int8 (-128 to 127); value: 128");
  }

  @Test
  void rejectsNullInRequiredField() {
    InternalRow row =
        new GenericInternalRow(
            new Object[] {
              null,
              new GenericArrayData(new float[] {1, 2, 3}),
              UTF8String.fromString("a"),
              1.0,
              1,
              true,
              null
            });
    assertThatThrownBy(() -> encode(row))
        .hasMessageContaining("field 'id' (Int64)")
        .hasMessageContaining("null is not allowed");
  }
}
