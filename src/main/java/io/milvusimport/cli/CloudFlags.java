package io.milvusimport.cli;

import io.milvusimport.cloud.CloudKeys;
import io.milvusimport.connect.ConnectionKeys;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flags every Zilliz Cloud command ({@code volume}, {@code import}) takes, named after the
 * control-plane options ({@code --cluster-id} is option {@code clusterId}), and how they become the
 * options map {@code VolumeManager} and {@code CloudImports} read. The API key comes only from
 * {@code $ZILLIZ_API_KEY} or {@code --api-key-file}, never from the command line.
 */
final class CloudFlags {
  static final String ENDPOINT_ENV = "ZILLIZ_CLOUD_ENDPOINT";

  /** Flag name to option key, for the flags that are plain options. */
  private static final Map<String, String> OPTION_FLAGS = new TreeMap<>();

  static {
    for (String key :
        List.of(
            CloudKeys.CLOUD_ENDPOINT,
            CloudKeys.PROJECT_ID,
            CloudKeys.REGION_ID,
            CloudKeys.CLUSTER_ID,
            CloudKeys.CLOUD_API,
            CloudKeys.CLOUD_RATE_LIMIT_WAIT,
            ConnectionKeys.REQUEST_TIMEOUT,
            ConnectionKeys.RETRIES,
            ConnectionKeys.POLL_INTERVAL,
            ConnectionKeys.MAX_POLL_INTERVAL)) {
      OPTION_FLAGS.put(ConnectionFlags.kebab(key), key);
    }
  }

  static final Flag PROJECT =
      Flag.optional("project-id", "ID", "the project of the volumes (proj-...)");
  static final Flag REGION =
      Flag.optional("region-id", "ID", "the region of new volumes: the target cluster's");
  static final Flag CLUSTER = Flag.optional("cluster-id", "ID", "the target cluster (in01-...)");

  static final List<Flag> FLAGS =
      List.of(
          Flag.optional(
              "cloud-endpoint",
              "URL",
              "the control plane (default "
                  + CloudKeys.DEFAULT_ENDPOINT
                  + "; China: https://api.cloud.zilliz.com.cn); else $"
                  + ENDPOINT_ENV),
          Flag.optional(
              "api-key-file",
              "FILE",
              "a file holding the API key (else $" + SecretFlags.API_KEY_ENV + ")"),
          Flag.optional(
              "cloud-api", "API", "volumes (default) or stages (the older /v2/stages API)"),
          Flag.optional("request-timeout", "DURATION", "per-request timeout (default 60s)"),
          Flag.optional("retries", "N", "retries of transient faults (default 5)"),
          Flag.optional("poll-interval", "DURATION", "first back-off of a retry (default 1s)"),
          Flag.optional("max-poll-interval", "DURATION", "longest back-off (default 30s)"),
          Flag.optional(
              "cloud-rate-limit-wait",
              "DURATION",
              "how long to back off while rate-limited (default 5m)"));

  private CloudFlags() {}

  /** The control-plane options for these flags, the API key from a file or {@code env}. */
  static Map<String, String> options(Flags flags, Map<String, String> env) {
    Map<String, String> options = new TreeMap<>();
    OPTION_FLAGS.forEach(
        (flag, key) -> {
          if (flags.has(flag)) {
            options.put(key, flags.get(flag));
          }
        });
    String endpoint = env.get(ENDPOINT_ENV);
    if (endpoint != null && !endpoint.isBlank()) {
      options.putIfAbsent(CloudKeys.CLOUD_ENDPOINT, endpoint.trim());
    }
    String key = readSecret(flags.get("api-key-file"), "api-key-file");
    if (key == null) {
      String fromEnv = env.get(SecretFlags.API_KEY_ENV);
      key = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }
    if (key == null) {
      throw new UsageException(
          "No Zilliz Cloud API key: set environment variable "
              + SecretFlags.API_KEY_ENV
              + " or give --api-key-file FILE (option '"
              + CloudKeys.CLOUD_API_KEY
              + "').");
    }
    options.put(CloudKeys.CLOUD_API_KEY, key);
    return options;
  }

  /** The trimmed content of {@code file} (null when the flag is absent). */
  static String readSecret(String file, String flag) {
    return file == null ? null : SecretFlags.readFile(file, flag);
  }

  /** Names the flag beside the option in an error ("Option 'clusterId' (--cluster-id) ..."). */
  static String withFlagNames(String message) {
    String out = message.replace("'cloudCaPemPath'", "'cloudCaPemPath' (--ca-pem)");
    for (Map.Entry<String, String> e : OPTION_FLAGS.entrySet()) {
      out = out.replace("'" + e.getValue() + "'", "'" + e.getValue() + "' (--" + e.getKey() + ")");
    }
    return out;
  }
}
