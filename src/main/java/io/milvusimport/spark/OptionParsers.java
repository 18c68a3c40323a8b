package io.milvusimport.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.milvus.MilvusTls;
import io.milvusimport.milvus.SnapshotNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

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
   * Checks the {@code snapshot} pattern as Milvus will see it: rendered with the resumed write's
   * id, or one of the shape new writes get.
   */
  static String parseSnapshot(String pattern, String resumeWriteId) {
    if (pattern == null) {
      return null;
    }
    String writeId = resumeWriteId != null ? resumeWriteId : "20250101-120000-1a2b3c4d";
    String rendered = SnapshotNames.render(pattern, writeId, LocalDate.now(ZoneOffset.UTC));
    String problem = SnapshotNames.problem(rendered);
    if (problem != null) {
      throw OptionValues.invalid(
          OptionKeys.SNAPSHOT,
          pattern,
          SnapshotNames.RULE + "; it renders as '" + rendered + "', where " + problem);
    }
    return pattern;
  }

  static URI parseUri(String value) {
    refuseSecretsInUri(value);
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

  /**
   * Refuses a {@code uri} carrying credentials ({@code http://user:token@host}) or a query or
   * fragment, without repeating the value: Spark shows a write's options in its plans and SQL UI
   * and redacts {@code url} and {@code token} there, but not {@code uri}. Also called by the table
   * provider, before Spark builds a plan holding the options.
   */
  static void refuseSecretsInUri(String value) {
    if (value == null) {
      return;
    }
    int scheme = value.indexOf("://");
    String rest = scheme < 0 ? value : value.substring(scheme + 3);
    int pathStart = rest.indexOf('/');
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    if (authority.contains("@")) {
      throw new InvalidOptionException(
          "Option 'uri' must not hold credentials (the 'user:secret@' part before the host); the"
              + " value is not repeated here because it holds a secret. Give the endpoint alone,"
              + " such as https://milvus:19530, and the credential with option 'token'"
              + " (user:password or an API key) or 'user'/'password', which are never logged.");
    }
    if (value.contains("?") || value.contains("#")) {
      throw new InvalidOptionException(
          "Option 'uri' must not have a query or fragment ('?...' or '#...'); the value is not"
              + " repeated here in case it holds a secret. Give the endpoint alone, such as"
              + " https://milvus:19530, and a credential with option 'token'.");
    }
  }

  /** The TLS context of the PEM options (driver only), or null when none is given. */
  static SSLContext parseTls(OptionValues values, URI uri) {
    MilvusTls.PemOption ca =
        new MilvusTls.PemOption(OptionKeys.CA_PEM_PATH, values.optional(OptionKeys.CA_PEM_PATH));
    MilvusTls.PemOption cert =
        new MilvusTls.PemOption(
            OptionKeys.CLIENT_PEM_PATH, values.optional(OptionKeys.CLIENT_PEM_PATH));
    MilvusTls.PemOption key =
        new MilvusTls.PemOption(
            OptionKeys.CLIENT_KEY_PATH, values.optional(OptionKeys.CLIENT_KEY_PATH));
    boolean any =
        values.optional(OptionKeys.CA_PEM_PATH) != null
            || values.optional(OptionKeys.CLIENT_PEM_PATH) != null
            || values.optional(OptionKeys.CLIENT_KEY_PATH) != null;
    if (any && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new InvalidOptionException(
          "Options '"
              + OptionKeys.CA_PEM_PATH
              + "', '"
              + OptionKeys.CLIENT_PEM_PATH
              + "' and '"
              + OptionKeys.CLIENT_KEY_PATH
              + "' apply to TLS, but option 'uri' is "
              + uri
              + ": use https:// (Milvus with tls enabled) or drop them.");
    }
    return MilvusTls.context(ca, cert, key);
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
