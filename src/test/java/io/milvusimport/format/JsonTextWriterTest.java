package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.milvusimport.schema.MilvusType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JSON field given as a string column: checked strictly, then written as the user wrote it. */
class JsonTextWriterTest {
  private static final JsonValueWriter WRITER =
      ScalarJsonWriters.forType(MilvusType.JSON, DataTypes.StringType, 0);

  /** {@code {"doc": <text>, "n": 1}} as the row encoder would write it. */
  private static String inRow(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = ScalarJsonWriters.STRICT_JSON.getFactory().createGenerator(out)) {
      gen.writeStartObject();
      gen.writeFieldName("doc");
      WRITER.write(new GenericInternalRow(new Object[] {UTF8String.fromString(text)}), 0, gen);
      gen.writeFieldName("n");
      gen.writeNumber(1);
      gen.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheTextUnchangedBetweenTheRowsOtherFields() throws Exception {
    assertThat(inRow("{\"k\": [1, 2, {\"n\": null}], \"é\": \"ü\"}"))
        .isEqualTo("{\"doc\":{\"k\": [1, 2, {\"n\": null}], \"é\": \"ü\"},\"n\":1}");
  }

  /** Milvus's row reader takes a JSON field as an object or as a string holding any JSON. */
  @Test
  void writesOtherValuesThanObjectsAsAStringHoldingTheText() throws Exception {
    assertThat(inRow("[true]")).isEqualTo("{\"doc\":\"[true]\",\"n\":1}");
    assertThat(inRow(" \"txt\"")).isEqualTo("{\"doc\":\" \\\"txt\\\"\",\"n\":1}");
    assertThat(inRow("5")).isEqualTo("{\"doc\":\"5\",\"n\":1}");
  }

  @Test
  void keepsNumbersBeyondDoubleAsWritten() throws Exception {
    assertThat(inRow("{\"big\": 1e400, \"id\": 123456789012345678901234567890}"))
        .contains("1e400")
        .contains("123456789012345678901234567890");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{oops", "", "  ", "{} []", "NaN", "{\"a\": 1} // note", "{\"a\": 01}"})
  void rejectsTextThatIsNotOneStrictJsonValue(String text) {
    assertThatThrownBy(() -> inRow(text))
        .isInstanceOf(ValueProblem.class)
        .hasMessageContaining("string is not valid JSON");
  }
}
