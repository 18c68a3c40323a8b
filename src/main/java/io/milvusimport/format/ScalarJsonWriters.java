package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.ValueKind;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/** Writers for scalar fields: Bool, integers, floats, VarChar, JSON, Timestamptz, Geometry. */
final class ScalarJsonWriters {
  static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern WKT =
      Pattern.compile(
          "\\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON"
              + "|GEOMETRYCOLLECTION)(\\s+(Z|M|ZM))?\\s*(\\(.*\\)|EMPTY)\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private ScalarJsonWriters() {}

  /**
   * The writer of a JSON field's text for the column formats (Parquet, NPY), whose readers take the
   * text of any JSON value as it is.
   */
  static JsonValueWriter jsonTextAsIs(DataType spark) {
    return ValueKind.of(spark) == ValueKind.STRING
        ? (data, i, gen) -> writeJsonText(data.getUTF8String(i), gen, false)
        : DocumentJsonWriter.forType(spark);
  }

  /** The writer of a scalar Milvus type from a Spark type the planner accepted. */
  static JsonValueWriter forType(MilvusType type, DataType spark, int maxLength) {
    ValueKind kind = ValueKind.of(spark);
    switch (type) {
      case BOOL:
        return (data, i, gen) -> gen.writeBoolean(data.getBoolean(i));
      case INT8:
      case INT16:
      case INT32:
      case INT64:
        return integer(kind, spark, type);
      case FLOAT:
        return floating(kind, spark, true);
      case DOUBLE:
        return floating(kind, spark, false);
      case VARCHAR:
        return (data, i, gen) -> writeVarChar(data.getUTF8String(i), maxLength, gen);
      case JSON:
        return kind == ValueKind.STRING
            ? (data, i, gen) -> writeJsonText(data.getUTF8String(i), gen, true)
            : DocumentJsonWriter.forType(spark);
      case TIMESTAMPTZ:
        return (data, i, gen) -> gen.writeString(timestamp(data.getLong(i)));
      case GEOMETRY:
        return (data, i, gen) -> writeGeometry(data.getUTF8String(i), gen);
      default:
        throw new IllegalArgumentException("not a scalar type: " + type);
    }
  }

  private static JsonValueWriter integer(ValueKind kind, DataType spark, MilvusType type) {
    ColumnValueReader reader = ScalarValueReaders.integer(kind, spark, type);
    ColumnSlot slot = new ColumnSlot();
    return (data, i, gen) -> {
      reader.read(data, i, slot);
      gen.writeNumber(slot.integer);
    };
  }

  private static JsonValueWriter floating(ValueKind kind, DataType spark, boolean float32) {
    ColumnValueReader reader = ScalarValueReaders.floating(kind, spark, float32);
    ColumnSlot slot = new ColumnSlot();
    return (data, i, gen) -> {
      reader.read(data, i, slot);
      if (float32) {
        gen.writeNumber((float) slot.real);
      } else {
        gen.writeNumber(slot.real);
      }
    };
  }

  static void writeVarChar(UTF8String value, int maxLength, JsonGenerator gen) throws IOException {
    ScalarValueReaders.checkLength(value, maxLength);
    byte[] bytes = value.getBytes();
    Utf8Check.check(bytes, 0, bytes.length, value);
    gen.writeUTF8String(bytes, 0, bytes.length);
  }

  /**
   * Checks that {@code text} is one strict JSON value (no NaN, no comments, nothing after it), as
   * Go's encoding/json reads it, and writes it: an object unchanged (streaming over the bytes
   * builds no tree, and numbers too large for a double pass through as written instead of becoming
   * Infinity); any other value ({@code [1,2]}, {@code "txt"}, {@code 5}) the same way when {@code
   * otherValuesAsString} is false, or else as a JSON string holding the text. Milvus's row reader
   * takes a JSON field only as an object or as a string holding JSON (any value), while its Parquet
   * and NPY readers take the text of any value: so every format stores the value given.
   */
  static void writeJsonText(UTF8String text, JsonGenerator gen, boolean otherValuesAsString)
      throws IOException {
    byte[] bytes = text.getBytes();
    String problem;
    boolean object = false;
    try (JsonParser parser = STRICT_JSON.getFactory().createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problem = "the string is empty";
      } else {
        object = first == JsonToken.START_OBJECT;
        parser.skipChildren();
        JsonToken after = parser.nextToken();
        problem = after == null ? null : "unexpected " + after + " after the JSON value";
      }
    } catch (JsonProcessingException e) {
      problem = e.getOriginalMessage().split("\n")[0];
    }
    if (problem != null) {
      throw new ValueProblem(
          "invalid JSON text", "string is not valid JSON: " + problem, text.toString());
    }
    if (object || !otherValuesAsString) {
      RawJson.write(gen, bytes, bytes.length);
    } else {
      gen.writeUTF8String(bytes, 0, bytes.length);
    }
  }

  /** Parses JSON text strictly (no NaN, no trailing content), as Go's encoding/json does. */
  static JsonNode parseJson(UTF8String text, String what) {
    try {
      return STRICT_JSON.readTree(text.toString());
    } catch (IOException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
      throw new ValueProblem(
          "invalid JSON text", "string is not valid " + what + ": " + message, text.toString());
    }
  }

  /** Spark's microseconds since the epoch as RFC 3339 in UTC, which Milvus parses exactly. */
  static String timestamp(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    long nanos = Math.floorMod(micros, 1_000_000L) * 1_000L;
    return Instant.ofEpochSecond(seconds, nanos).toString();
  }

  private static void writeGeometry(UTF8String value, JsonGenerator gen) throws IOException {
    gen.writeString(checkWkt(value));
  }

  /** The value as text when it looks like WKT (as far as Milvus's parser cares), else throws. */
  static String checkWkt(UTF8String value) {
    String text = value.toString();
    if (!WKT.matcher(text).matches() || !balanced(text)) {
      throw new ValueProblem(
          "invalid WKT",
          "string is not a WKT geometry such as POINT (1 2) or POLYGON ((0 0, 1 0, 1 1, 0 0))",
          text);
    }
    return text;
  }

  private static boolean balanced(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
