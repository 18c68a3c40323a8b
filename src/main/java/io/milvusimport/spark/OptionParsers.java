package io.milvusimport.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.InvalidOptionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
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

  static URI parseUri(String value) {
    try {
      URI parsed = new URI(value.replaceAll("/+$", ""));
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
        return parsed;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw OptionValues.invalid(
        OptionKeys.URI, value, "an http:// or https:// URL such as http://milvus:19530");
  }

  static String parseAuthorization(OptionValues values) {
    String token = values.optional(OptionKeys.TOKEN);
    String user = values.optional(OptionKeys.USER);
    String password = values.optional(OptionKeys.PASSWORD);
    if (token != null && (user != null || password != null)) {
      throw new InvalidOptionException(
          "Options 'token' and 'user'/'password' are mutually exclusive: give either a token"
              + " (user:password or an API key) or a user and a password.");
    }
    if (token != null) {
      return "Bearer " + token;
    }
    if ((user == null) != (password == null)) {
      throw new InvalidOptionException(
          "Option '"
              + (user == null ? OptionKeys.USER : OptionKeys.PASSWORD)
              + "' is required when '"
              + (user == null ? OptionKeys.PASSWORD : OptionKeys.USER)
              + "' is set.");
    }
    return user == null ? null : "Bearer " + user + ":" + password;
  }
}
