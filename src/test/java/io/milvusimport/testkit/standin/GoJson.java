package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes JSON values the way Go's {@code encoding/json} with {@code UseNumber()} does (what
 * Milvus's JSON import reader uses): objects to {@code Map}, arrays to {@code List}, numbers kept
 * as their literal text ({@link Num}, Go's {@code json.Number}). NaN/Infinity tokens are rejected
 * with Go's decoder wording. Also formats values like Go's {@code %T} and {@code %v}.
 */
final class GoJson {
  static final JsonFactory FACTORY =
      new JsonFactoryBuilder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private GoJson() {}

  /** Go's {@code json.Number}: the literal text of a JSON number. */
  static final class Num {
    final String text;

    Num(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A decode failure, message in Go's words. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the value starting at the parser's current token. */
  static Object readValue(JsonParser p) throws IOException, SyntaxError {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.getCurrentName();
          p.nextToken();
          m.put(k, readValue(p));
        }
        return m;
      case START_ARRAY:
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(readValue(p));
        }
        return l;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return new Num(p.getText());
      case VALUE_NUMBER_FLOAT:
        if (p.isNaN()) {
          throw new SyntaxError(nonNumericError(p.getText()));
        }
        return new Num(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new SyntaxError("invalid character looking for beginning of value");
    }
  }

  /** Go's {@code encoding/json} error for NaN, Infinity, -Infinity literals. */
  static String nonNumericError(String token) {
    if (token.startsWith("-")) {
      return "invalid character '" + token.charAt(1) + "' in numeric literal";
    }
    return "invalid character '" + token.charAt(0) + "' looking for beginning of value";
  }

  /** Parses a whole JSON text (for JSON strings holding JSON); Go-worded error on failure. */
  static Object parseText(String text) throws SyntaxError {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        throw new SyntaxError("unexpected end of JSON input");
      }
      Object v = readValue(p);
      if (p.nextToken() != null) {
        throw new SyntaxError("invalid character after top-level value");
      }
      return v;
    } catch (IOException e) {
      String s = text.trim();
      char c = s.isEmpty() ? ' ' : s.charAt(0);
      throw new SyntaxError(
          s.isEmpty()
              ? "unexpected end of JSON input"
              : "invalid character '" + c + "' looking for beginning of value");
    }
  }

  /** Go's {@code %T} of a decoded value. */
  static String goType(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Num) {
      return "json.Number";
    }
    if (v instanceof List) {
      return "[]interface {}";
    }
    return "map[string]interface {}";
  }

  /** Go's {@code %v} of a decoded value (maps print with sorted keys). */
  static String goValue(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof List) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : (List<?>) v) {
        b.append(b.length() > 1 ? " " : "").append(goValue(o));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map) {
      StringBuilder b = new StringBuilder("map[");
      for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) {
        b.append(b.length() > 4 ? " " : "").append(e.getKey()).append(':');
        b.append(goValue(e.getValue()));
      }
      return b.append(']').toString();
    }
    return v.toString();
  }

  /** The decoded value as a Jackson tree (for JSON fields and {@code $meta}). */
  static JsonNode toNode(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) {
      return f.nullNode();
    }
    if (v instanceof Boolean) {
      return f.booleanNode((Boolean) v);
    }
    if (v instanceof String) {
      return f.textNode((String) v);
    }
    if (v instanceof Num) {
      String t = ((Num) v).text;
      if (t.contains(".") || t.contains("e") || t.contains("E")) {
        return f.numberNode(Double.valueOf(t));
      }
      BigDecimal d = new BigDecimal(t);
      try {
        return f.numberNode(d.longValueExact());
      } catch (ArithmeticException big) {
        return f.numberNode(d.toBigInteger());
      }
    }
    if (v instanceof List) {
      ArrayNode a = f.arrayNode();
      ((List<?>) v).forEach(o -> a.add(toNode(o)));
      return a;
    }
    ObjectNode o = f.objectNode();
    ((Map<?, ?>) v).forEach((k, val) -> o.set(String.valueOf(k), toNode(val)));
    return o;
  }
}
