package io.milvusimport.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.milvus.SnapshotNames;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the options whose values have a structure of their own; errors name the option. */
final class OptionParsers {
  private OptionParsers() {}

  static Map<String, String> parseColumnMapping(String value) {
    Map<String, String> mapping = new LinkedHashMap<>();
    if (value == null) {
      return mapping;
    }
    for (String entry : value.split(",")) {
      String[] parts = entry.split(":", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw OptionValues.invalid(
            OptionKeys.COLUMN_MAPPING,
            value,
            "comma-separated column:field pairs such as uid:id,emb:vector");
      }
      if (mapping.put(parts[0].trim(), parts[1].trim()) != null) {
        throw OptionValues.invalid(
            OptionKeys.COLUMN_MAPPING,
            value,
            "each column mapped once, but '" + parts[0].trim() + "' repeats");
      }
    }
    return mapping;
  }

  static Map<String, JsonNode> parseDefaultValues(String value) {
    Map<String, JsonNode> defaults = new LinkedHashMap<>();
    if (value == null) {
      return defaults;
    }
    JsonNode parsed;
    try {
      parsed = new ObjectMapper().readTree(value);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw OptionValues.invalid(
          OptionKeys.DEFAULT_VALUES,
          value,
          "a JSON object of field to value such as {\"year\": 2024}");
    }
    parsed.fields().forEachRemaining(e -> defaults.put(e.getKey(), e.getValue()));
    return defaults;
  }

  /**
   * Checks a snapshot name pattern (option {@code key}: {@code snapshot} or {@code snapshotBefore})
   * as Milvus will see it: rendered with the resumed write's id, or one of the shape new writes
   * get.
   */
  static String parseSnapshot(String key, String pattern, String resumeWriteId) {
    if (pattern == null) {
      return null;
    }
    String writeId = resumeWriteId != null ? resumeWriteId : "20250101-120000-1a2b3c4d";
    String rendered = SnapshotNames.render(pattern, writeId, LocalDate.now(ZoneOffset.UTC));
    String problem = SnapshotNames.problem(rendered);
    if (problem != null) {
      throw OptionValues.invalid(
          key,
          pattern,
          SnapshotNames.RULE + "; it renders as '" + rendered + "', where " + problem);
    }
    return pattern;
  }
}
