package io.milvusimport.manage;

import com.fasterxml.jackson.databind.JsonNode;

/** Milvus's REST answers carry int64s as JSON numbers or strings, depending on the route. */
final class Int64s {
  private Int64s() {}

  /** The value of {@code node} as a number or a numeric string; 0 when missing or empty. */
  static long of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return 0;
    }
    if (node.isNumber()) {
      return node.asLong();
    }
    String text = node.asText("").trim();
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  /** The value as text, for ids: {@code "463..."} either way. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    return node.isNumber() ? Long.toString(node.asLong()) : node.asText("");
  }
}
