package io.milvusimport.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Checks a {@code defaultValues} constant against its field on the driver, with the same rules
 * Milvus's JSON reader applies, so a bad constant fails the plan instead of every row.
 */
final class ConstantChecks {
  private ConstantChecks() {}

  /** A problem with the constant, or null when Milvus would accept it. */
  static String problem(MilvusField field, JsonNode value) {
    if (value.isNull()) {
      return field.nullable() ? null : "null, but the field is not nullable";
    }
    switch (field.type()) {
      case ARRAY:
        if (!value.isArray()) {
          return "not a JSON array";
        }
        if (field.maxCapacity() > 0 && value.size() > field.maxCapacity()) {
          return value.size() + " elements, over max_capacity " + field.maxCapacity();
        }
        for (JsonNode element : value) {
          String problem = scalar(field.elementType(), field.maxLength(), element);
          if (problem != null) {
            return "element " + element + ": " + problem;
          }
        }
        return null;
      case FLOAT_VECTOR:
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        return vector(value, field.dim(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      case BINARY_VECTOR:
        return vector(value, field.dim() / 8, 0, 255);
      case INT8_VECTOR:
        return vector(value, field.dim(), -128, 127);
      case SPARSE_FLOAT_VECTOR:
        return value.isObject() ? null : "not a JSON object of index to value";
      case JSON:
        return null;
      case TIMESTAMPTZ:
        if (!value.isTextual()) {
          return "not an ISO-8601 timestamp string";
        }
        try {
          OffsetDateTime.parse(value.asText());
          return null;
        } catch (DateTimeParseException e) {
          return "not an ISO-8601 timestamp with offset such as 2024-01-31T12:00:00Z";
        }
      case GEOMETRY:
        return value.isTextual() ? null : "not a WKT string";
      default:
        return scalar(field.type(), field.maxLength(), value);
    }
  }

  private static String scalar(MilvusType type, int maxLength, JsonNode value) {
    switch (type) {
      case BOOL:
        return value.isBoolean() ? null : "not true or false";
      case INT8:
        return integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case INT16:
        return integer(value, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT32:
        return integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64:
        return integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT:
      case DOUBLE:
        return value.isNumber() ? null : "not a number";
      case VARCHAR:
        if (!value.isTextual()) {
          return "not a string";
        }
        int bytes = value.asText().getBytes(StandardCharsets.UTF_8).length;
        return maxLength > 0 && bytes > maxLength
            ? bytes + " UTF-8 bytes, over max_length " + maxLength
            : null;
      default:
        return "not supported as a constant";
    }
  }

  private static String integer(JsonNode value, long min, long max) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      return "not an integer";
    }
    long v = value.asLong();
    return v < min || v > max ? "out of range " + min + " to " + max : null;
  }

  private static String vector(JsonNode value, int length, double min, double max) {
    if (!value.isArray() || value.size() != length) {
      return "not a JSON array of " + length + " numbers";
    }
    for (JsonNode element : value) {
      if (!element.isNumber() || element.asDouble() < min || element.asDouble() > max) {
        return "element " + element + " is not a number from " + min + " to " + max;
      }
    }
    return null;
  }
}
