package io.milvusimport.cloud;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.connect.CallSettings;
import io.milvusimport.connect.ConnectionKeys;
import io.milvusimport.connect.OptionValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach Zilliz Cloud's control plane (endpoint, API key, cluster, project, region, API
 * generation, back-off), parsed once from an options map so the command line, the management API
 * and the writer share one meaning of each key ({@link CloudKeys}). The retry keys are the Milvus
 * connection's ({@code requestTimeout}, {@code retries}, {@code pollInterval}, {@code
 * maxPollInterval}).
 *
 * <p>It holds the API key: keep it on the driver; {@link #toString} leaves the key out and no error
 * repeats it.
 */
public final class CloudConnection {
  /** The call keys read besides {@link CloudKeys#KEYS}. */
  private static final List<String> CALL_KEYS =
      List.of(
          ConnectionKeys.REQUEST_TIMEOUT,
          ConnectionKeys.RETRIES,
          ConnectionKeys.POLL_INTERVAL,
          ConnectionKeys.MAX_POLL_INTERVAL);

  /** The keys this connection was parsed from (lower case), for {@link #applier}. */
  private final TreeMap<String, String> keys = new TreeMap<>();

  private final URI endpoint;
  private final String apiKey;
  private final String clusterId;
  private final String projectId;
  private final String regionId;
  private final CloudApi api;
  private final CallSettings calls;
  private final Duration rateLimitWait;

  private CloudConnection(OptionValues values) {
    this.endpoint =
        parseEndpoint(values.text(CloudKeys.CLOUD_ENDPOINT, CloudKeys.DEFAULT_ENDPOINT));
    this.apiKey = values.optional(CloudKeys.CLOUD_API_KEY);
    this.clusterId = values.optional(CloudKeys.CLUSTER_ID);
    this.projectId = values.optional(CloudKeys.PROJECT_ID);
    this.regionId = values.optional(CloudKeys.REGION_ID);
    this.api = parseApi(values.text(CloudKeys.CLOUD_API, "volumes"));
    this.calls = CallSettings.parse(values);
    this.rateLimitWait =
        values.duration(CloudKeys.CLOUD_RATE_LIMIT_WAIT, Duration.ofMinutes(5), Duration.ZERO);
  }

  /**
   * Parses the control-plane keys of {@code options} (keys in any case); other keys are ignored, so
   * a write's options map can be passed as it is.
   *
   * @throws InvalidOptionException naming the option, the value (never the API key) and what is
   *     accepted
   */
  public static CloudConnection parse(Map<String, String> options) {
    Map<String, String> lower = new TreeMap<>();
    options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    CloudConnection connection = new CloudConnection(new OptionValues(lower));
    for (String key : CloudKeys.KEYS) {
      copy(lower, key, connection.keys);
    }
    for (String key : CALL_KEYS) {
      copy(lower, key, connection.keys);
    }
    return connection;
  }

  private static void copy(Map<String, String> from, String key, Map<String, String> to) {
    String k = key.toLowerCase(Locale.ROOT);
    if (from.get(k) != null) {
      to.put(k, from.get(k));
    }
  }

  /**
   * A serializable {@code apply} for one volume directory through this connection, for Spark tasks
   * that renew their upload credentials themselves ({@link VolumeApplier}). It carries the API key.
   */
  public VolumeApplier applier(String volumeName, String dir) {
    requireApiKey();
    return new VolumeApplier(new TreeMap<>(keys), volumeName, dir);
  }

  private static URI parseEndpoint(String value) {
    if (value.contains("@")) {
      throw new InvalidOptionException(
          "Option '"
              + CloudKeys.CLOUD_ENDPOINT
              + "' must be the control plane's bare https:// URL without credentials, such as "
              + CloudKeys.DEFAULT_ENDPOINT
              + "; the value is not repeated in case it holds a secret (the API key goes in"
              + " option '"
              + CloudKeys.CLOUD_API_KEY
              + "').");
    }
    try {
      URI parsed = new URI(value.replaceAll("/+$", ""));
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && parsed.getHost() != null
          && parsed.getRawUserInfo() == null
          && parsed.getRawQuery() == null
          && parsed.getRawFragment() == null) {
        return parsed;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw OptionValues.invalid(
        CloudKeys.CLOUD_ENDPOINT,
        value,
        "the control plane's https:// URL without credentials or query, such as "
            + CloudKeys.DEFAULT_ENDPOINT
            + " (China: https://api.cloud.zilliz.com.cn); never a cluster endpoint");
  }

  private static CloudApi parseApi(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "volumes":
        return CloudApi.VOLUMES;
      case "stages":
        return CloudApi.STAGES;
      default:
        throw OptionValues.invalid(
            CloudKeys.CLOUD_API,
            value,
            "volumes (the default) or stages (organisations still on /v2/stages/*)");
    }
  }

  /** The API key, or the error that says which option (and CLI flag) gives it. */
  String requireApiKey() {
    if (apiKey == null) {
      throw new InvalidOptionException(
          "Option '"
              + CloudKeys.CLOUD_API_KEY
              + "' is required: the Zilliz Cloud API key of your organisation (command line:"
              + " --api-key-file FILE or environment variable ZILLIZ_API_KEY).");
    }
    return apiKey;
  }

  /** The value of a required id option, or the error naming it. */
  static String require(String key, String value, String what) {
    if (value == null) {
      throw new InvalidOptionException(
          "Option '"
              + key
              + "' is required for "
              + what
              + ": set it with .option(\""
              + key
              + "\", ...) or its command-line flag.");
    }
    return value;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** True when an API key was given (the key itself never leaves this package). */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  public String clusterId() {
    return clusterId;
  }

  public String projectId() {
    return projectId;
  }

  public String regionId() {
    return regionId;
  }

  public CloudApi api() {
    return api;
  }

  /** Request timeout and retries: the Milvus connection's keys, with the same meaning. */
  public CallSettings calls() {
    return calls;
  }

  /** How long one call keeps backing off while answered HTTP 429. */
  public Duration rateLimitWait() {
    return rateLimitWait;
  }

  /** A client for this connection. */
  public ZillizCloudClient client() {
    return new ZillizCloudClient(this);
  }

  /** The API key is left out on purpose. */
  @Override
  public String toString() {
    return "CloudConnection{endpoint="
        + endpoint
        + ", api="
        + api.name().toLowerCase(Locale.ROOT)
        + (clusterId == null ? "" : ", clusterId=" + clusterId)
        + (projectId == null ? "" : ", projectId=" + projectId)
        + (regionId == null ? "" : ", regionId=" + regionId)
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + "}";
  }
}
