package io.milvusimport.spark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Spark redact the values of secret options whose names its default patterns miss. Spark
 * prints a write's options in its plans ({@code explain}, listeners, the SQL UI) and redacts only
 * keys matching {@code spark.redaction.regex} ({@code secret|password|token|access.?key}) or {@code
 * spark.sql.redaction.options.regex} ({@code url}): {@code cloudApiKey} matches neither. Before
 * Spark builds a plan holding such an option, its name is added to the session's {@code
 * spark.sql.redaction.options.regex}; that only ever redacts more.
 */
final class SecretRedaction {
  private static final Logger LOG = LoggerFactory.getLogger(SecretRedaction.class);
  static final String OPTIONS_REGEX = "spark.sql.redaction.options.regex";
  private static final String CORE_REGEX = "spark.redaction.regex";
  private static final String CORE_DEFAULT = "(?i)secret|password|token|access[.]?key";

  /** Secret options; each must be redacted in plans. */
  static final List<String> SECRET_KEYS =
      List.of(
          OptionKeys.CLOUD_API_KEY,
          OptionKeys.CLOUD_SECRET_KEY,
          OptionKeys.CLOUD_ACCESS_KEY,
          OptionKeys.CLOUD_SESSION_TOKEN);

  private SecretRedaction() {}

  /** Extends the session's options pattern with every secret key of {@code options} it misses. */
  static void cover(Map<String, String> options) {
    SparkSession spark;
    try {
      spark = SparkSession.active();
    } catch (IllegalStateException e) {
      return; // no session: nothing prints a plan
    }
    for (String secret : SECRET_KEYS) {
      for (String key : options.keySet()) {
        if (key.equalsIgnoreCase(secret)) {
          cover(spark, secret);
        }
      }
    }
  }

  private static synchronized void cover(SparkSession spark, String key) {
    String sql = spark.conf().get(OPTIONS_REGEX, "(?i)url");
    String core = spark.sparkContext().conf().get(CORE_REGEX, CORE_DEFAULT);
    if (matches(sql, key) || matches(core, key)) {
      return;
    }
    String extended = sql + "|(?i)" + Pattern.quote(key.toLowerCase(Locale.ROOT));
    spark.conf().set(OPTIONS_REGEX, extended);
    LOG.debug("Redacting option '{}' in Spark's plans: {} is now {}", key, OPTIONS_REGEX, extended);
  }

  private static boolean matches(String regex, String key) {
    try {
      return Pattern.compile(regex).matcher(key).find();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
