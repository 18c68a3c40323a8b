package io.milvusimport.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link DesignKeys} settings of one design, read case-insensitively; malformed values are
 * collected as problems so that one message reports all of them.
 */
final class DesignSettings {
  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final List<String> problems;

  DesignSettings(Map<String, String> props, List<String> problems) {
    this.problems = problems;
    if (props != null) {
      props.forEach(
          (k, v) -> {
            if (DesignKeys.KEYS.stream().anyMatch(key -> key.equalsIgnoreCase(k))) {
              values.put(k, v);
            }
          });
    }
  }

  String text(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  boolean bool(String key) {
    String value = text(key);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    problems.add("option '" + key + "' = '" + value + "': expected true or false");
    return false;
  }

  /** {@code a:1,b:2} as a column map; {@code *} is the default. */
  Map<String, String> pairs(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    String value = text(key);
    if (value == null) {
      return out;
    }
    for (String item : value.split(",")) {
      int colon = item.lastIndexOf(':');
      if (colon <= 0 || colon == item.length() - 1) {
        problems.add(
            "option '" + key + "' = '" + value + "': expected column:value pairs, e.g. 'text:512'");
        return out;
      }
      out.put(item.substring(0, colon).trim(), item.substring(colon + 1).trim());
    }
    return out;
  }

  /** A number for {@code column} from {@code key}'s pairs (or its {@code *} entry); 0 if none. */
  int number(String key, String column, int min, int max) {
    Map<String, String> pairs = pairs(key);
    String value = pairs.containsKey(column) ? pairs.get(column) : pairs.get("*");
    return value == null ? 0 : parse(key + "' for column '" + column, value, min, max);
  }

  private int parse(String what, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        "option '"
            + what
            + "' = '"
            + value
            + "': expected a whole number from "
            + min
            + " to "
            + max);
    return 0;
  }

  /** {@code key} as one whole number in [min, max]; 0 when absent. */
  int whole(String key, int min, int max) {
    String value = text(key);
    if (value == null) {
      return 0;
    }
    return parse(key, value, min, max);
  }

  /** {@code key} as one value for every column, or {@code column:value} pairs. */
  String perColumn(String key, String column, String fallback) {
    String value = text(key);
    if (value == null) {
      return fallback;
    }
    if (!value.contains(":")) {
      return value.toUpperCase(Locale.ROOT);
    }
    Map<String, String> pairs = pairs(key);
    String own = pairs.containsKey(column) ? pairs.get(column) : pairs.get("*");
    return own == null ? fallback : own.toUpperCase(Locale.ROOT);
  }
}
