package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one {@code save}, with lower-case keys: {@code save(path)}'s path named as the
 * collection ({@code db.collection} or {@code collection}), and the session's {@code
 * spark.datasource.milvus.*} settings under them (Spark merges those only on its DSv2 path, not on
 * the V1 path that reaches {@code createRelation}).
 */
final class SaveTarget {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PATH =
      Pattern.compile("(?:(" + NAME.pattern() + ")\\.)?(" + NAME.pattern() + ")");

  private SaveTarget() {}

  /** The write's own options, the path turned into {@code collection} (and {@code database}). */
  static Map<String, String> given(Map<String, String> options) {
    Map<String, String> out = new HashMap<>();
    options.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    String path = out.remove("path");
    if (path == null) {
      return out;
    }
    Matcher m = PATH.matcher(path.trim());
    if (!m.matches()) {
      throw new InvalidOptionException(
          "save(\""
              + path
              + "\"): the path names the target collection, as 'collection' or"
              + " 'database.collection' (letters, digits and '_', not starting with a digit)."
              + " A file path or URI is no collection; stage files with option 'stagingPath'."
              + (path.contains("/") || path.contains(":")
                  ? " (saveAsTable is not supported: Spark would store the connection options,"
                      + " token included, in its session catalog.)"
                  : ""));
    }
    put(out, OptionKeys.COLLECTION, m.group(2), path);
    if (m.group(1) != null) {
      put(out, OptionKeys.DATABASE, m.group(1), path);
    }
    return out;
  }

  private static void put(Map<String, String> options, String key, String value, String path) {
    String lower = key.toLowerCase(Locale.ROOT);
    String given = options.get(lower);
    if (given != null && !given.trim().equals(value)) {
      throw new InvalidOptionException(
          "save(\""
              + path
              + "\") names "
              + key
              + " '"
              + value
              + "' but option '"
              + key
              + "' is '"
              + given
              + "': give the collection once, as the path or as the option.");
    }
    options.put(lower, value);
  }

  /** {@code given} over the session's {@code spark.datasource.<prefix>.*} settings. */
  static Map<String, String> withSession(
      Map<String, String> given, Map<String, String> sessionConf, String keyPrefix) {
    String prefix = "spark.datasource." + keyPrefix + ".";
    Map<String, String> out = new HashMap<>();
    sessionConf.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            out.put(k.substring(prefix.length()).toLowerCase(Locale.ROOT), v);
          }
        });
    out.putAll(given);
    return out;
  }
}
