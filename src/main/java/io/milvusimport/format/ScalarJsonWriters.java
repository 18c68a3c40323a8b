package io.milvusimport.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.ValueKind;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
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

  /** The writer of a scalar Milvus type from a Spark type the planner accepted. */
  static JsonValueWriter forType(MilvusType type, DataType spark, int maxLength) {
    ValueKind kind = ValueKind.of(spark);
    switch (type) {
      case BOOL:
        return (data, i, gen) -> gen.writeBoolean(data.getBoolean(i));
      case INT8:
        return integer(kind, spark, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
      case INT16:
        return integer(kind, spark, Short.MIN_VALUE, Short.MAX_VALUE, type);
      case INT32:
        return integer(kind, spark, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
      case INT64:
        return integer(kind, spark, Long.MIN_VALUE, Long.MAX_VALUE, type);
      case FLOAT:
        return floating(kind, spark, true);
      case DOUBLE:
        return floating(kind, spark, false);
      case VARCHAR:
        return (data, i, gen) -> writeVarChar(data.getUTF8String(i), maxLength, gen);
      case JSON:
        return kind == ValueKind.STRING
            ? (data, i, gen) -> gen.writeTree(parseJson(data.getUTF8String(i), "JSON"))
            : DocumentJsonWriter.forType(spark);
      case TIMESTAMPTZ:
        return (data, i, gen) -> gen.writeString(timestamp(data.getLong(i)));
      case GEOMETRY:
        return (data, i, gen) -> writeGeometry(data.getUTF8String(i), gen);
      default:
        throw new IllegalArgumentException("not a scalar type: " + type);
    }
  }

  private static JsonValueWriter integer(
      ValueKind kind, DataType spark, long min, long max, MilvusType type) {
    String range = "out of range for " + type + " (" + min + " to " + max + ")";
    if (kind == ValueKind.DECIMAL) {
      DecimalType decimal = (DecimalType) spark;
      return (data, i, gen) -> {
        Decimal value = data.getDecimal(i, decimal.precision(), decimal.scale());
        java.math.BigDecimal exact = value.toJavaBigDecimal();
        if (exact.compareTo(java.math.BigDecimal.valueOf(min)) < 0
            || exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
          throw new ValueProblem("integer out of range", range, exact.toPlainString());
        }
        gen.writeNumber(exact.longValueExact());
      };
    }
    return (data, i, gen) -> {
      long value = readInteger(kind, data, i);
      if (value < min || value > max) {
        throw new ValueProblem("integer out of range", range, Long.toString(value));
      }
      gen.writeNumber(value);
    };
  }

  private static long readInteger(
      ValueKind kind, org.apache.spark.sql.catalyst.expressions.SpecializedGetters data, int i) {
    switch (kind) {
      case BYTE:
        return data.getByte(i);
      case SHORT:
        return data.getShort(i);
      case INT:
        return data.getInt(i);
      default:
        return data.getLong(i);
    }
  }

  private static JsonValueWriter floating(ValueKind kind, DataType spark, boolean float32) {
    return (data, i, gen) -> {
      double value;
      if (kind == ValueKind.FLOAT) {
        value = data.getFloat(i);
      } else if (kind == ValueKind.DOUBLE) {
        value = data.getDouble(i);
      } else {
        DecimalType decimal = (DecimalType) spark;
        value = data.getDecimal(i, decimal.precision(), decimal.scale()).toDouble();
      }
      if (!Double.isFinite(value)) {
        throw new ValueProblem(
            "NaN or infinity", "NaN and infinity are not allowed", Double.toString(value));
      }
      if (float32) {
        if (Math.abs(value) > Float.MAX_VALUE) {
          throw new ValueProblem(
              "out of float range", "out of range for Float", Double.toString(value));
        }
        gen.writeNumber((float) value);
      } else {
        gen.writeNumber(value);
      }
    };
  }

  static void writeVarChar(
      UTF8String value, int maxLength, com.fasterxml.jackson.core.JsonGenerator gen)
      throws IOException {
    if (maxLength > 0 && value.numBytes() > maxLength) {
      throw new ValueProblem(
          "string over max_length",
          "string is "
              + value.numBytes()
              + " UTF-8 bytes long, over max_length "
              + maxLength
              + " (Milvus counts bytes, not characters)",
          value.toString());
    }
    byte[] bytes = value.getBytes();
    gen.writeUTF8String(bytes, 0, bytes.length);
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

  private static void writeGeometry(UTF8String value, com.fasterxml.jackson.core.JsonGenerator gen)
      throws IOException {
    String text = value.toString();
    if (!WKT.matcher(text).matches() || !balanced(text)) {
      throw new ValueProblem(
          "invalid WKT",
          "string is not a WKT geometry such as POINT (1 2) or POLYGON ((0 0, 1 0, 1 1, 0 0))",
          text);
    }
    gen.writeString(text);
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
