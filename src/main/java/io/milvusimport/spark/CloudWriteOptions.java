package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.cloud.CloudApi;
import io.milvusimport.cloud.CloudConnection;
import io.milvusimport.connect.OptionValues;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parsed options of a write into a Zilliz Cloud cluster: which control plane and cluster, the
 * API key, and where the files are staged (a volume, or the user's own bucket read through object
 * URLs with the credentials Zilliz needs). Zilliz runs the import jobs on its control plane and
 * reads files only through a volume or URLs, never as keys of Milvus's bucket, so these settings
 * replace {@code milvusBucket} and decide the request addressing. The control-plane keys ({@code
 * cloudEndpoint}, {@code cloudApiKey}, {@code clusterId}, ...) are parsed by {@link
 * CloudConnection}, the one parser the command line and the management API use too; this class adds
 * the write's own keys. Holds secrets: driver only, and {@link #toString} leaves them out.
 */
public final class CloudWriteOptions {
  /** The directory in a volume under which each write stages into its own {@code <writeId>/}. */
  public static final String DEFAULT_VOLUME_PATH = "milvus-import/";

  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  private final CloudConnection connection;
  private final String volume;
  private final String volumePath;
  private final String manifestPath;
  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;
  private final String caPemPath;

  private CloudWriteOptions(
      Map<String, String> lowerCaseOptions,
      OptionValues values,
      Map<String, String> hadoopOverrides) {
    this.connection = CloudConnection.parse(lowerCaseOptions);
    if (connection.clusterId() == null
        && (connection.projectId() == null || connection.regionId() == null)) {
      String given = connection.projectId() == null ? OptionKeys.REGION_ID : OptionKeys.PROJECT_ID;
      String missing =
          connection.projectId() == null ? OptionKeys.PROJECT_ID : OptionKeys.REGION_ID;
      throw new InvalidOptionException(
          "Option '"
              + given
              + "' names a Zilliz Cloud target only together with option '"
              + missing
              + "' (or give option '"
              + OptionKeys.CLUSTER_ID
              + "', such as in01-0123456789abcdef).");
    }
    if (!connection.hasApiKey()) {
      throw new InvalidOptionException(
          "Option '"
              + OptionKeys.CLOUD_API_KEY
              + "' is required: the Zilliz Cloud API key (console: API Keys) for writes into"
              + " Zilliz Cloud; never logged.");
    }
    this.caPemPath = values.optional(OptionKeys.CLOUD_CA_PEM_PATH);
    this.volume = values.optional(OptionKeys.VOLUME);
    this.manifestPath = values.optional(OptionKeys.MANIFEST_PATH);
    if (volume != null) {
      if (!VOLUME_NAME.matcher(volume).matches()) {
        throw OptionValues.invalid(
            OptionKeys.VOLUME,
            volume,
            "a volume name of at most 64 characters that starts with a letter or '_' followed by"
                + " letters, digits, '-' or '_'");
      }
      this.volumePath =
          normaliseVolumePath(values.text(OptionKeys.VOLUME_PATH, DEFAULT_VOLUME_PATH));
      for (String key :
          new String[] {
            OptionKeys.CLOUD_ACCESS_KEY, OptionKeys.CLOUD_SECRET_KEY, OptionKeys.CLOUD_SESSION_TOKEN
          }) {
        if (values.optional(key) != null) {
          throw new InvalidOptionException(
              "Option '"
                  + key
                  + "' is for staging in your own bucket (option 'stagingPath'), but option '"
                  + OptionKeys.VOLUME
                  + "' stages into a Zilliz Cloud volume, which needs no credentials of yours:"
                  + " drop one of them.");
        }
      }
      this.accessKey = null;
      this.secretKey = null;
      this.sessionToken = null;
    } else {
      if (values.optional(OptionKeys.VOLUME_PATH) != null) {
        throw new InvalidOptionException(
            "Option '"
                + OptionKeys.VOLUME_PATH
                + "' applies only with option '"
                + OptionKeys.VOLUME
                + "' (staging into a Zilliz Cloud volume).");
      }
      if (manifestPath != null) {
        throw new InvalidOptionException(
            "Option '"
                + OptionKeys.MANIFEST_PATH
                + "' applies only with option '"
                + OptionKeys.VOLUME
                + "': a write staged under 'stagingPath' keeps its manifest there.");
      }
      this.volumePath = null;
      this.accessKey =
          secret(values, OptionKeys.CLOUD_ACCESS_KEY, hadoopOverrides, "fs.s3a.access.key");
      this.secretKey =
          secret(values, OptionKeys.CLOUD_SECRET_KEY, hadoopOverrides, "fs.s3a.secret.key");
      this.sessionToken =
          secret(values, OptionKeys.CLOUD_SESSION_TOKEN, hadoopOverrides, "fs.s3a.session.token");
      if (accessKey == null || secretKey == null) {
        throw new InvalidOptionException(
            "Option '"
                + (accessKey == null ? OptionKeys.CLOUD_ACCESS_KEY : OptionKeys.CLOUD_SECRET_KEY)
                + "' is required for a Zilliz Cloud write staged in your own bucket: Zilliz reads"
                + " the staged files with the key and secret given by options '"
                + OptionKeys.CLOUD_ACCESS_KEY
                + "' and '"
                + OptionKeys.CLOUD_SECRET_KEY
                + "' (plus '"
                + OptionKeys.CLOUD_SESSION_TOKEN
                + "' for temporary credentials), or by the write options 'fs.s3a.access.key' and"
                + " 'fs.s3a.secret.key' when those are given. Or stage into a volume with option '"
                + OptionKeys.VOLUME
                + "'.");
      }
    }
  }

  /** True when {@code values} name a Zilliz Cloud cluster ({@code clusterId} or project/region). */
  static boolean targetsCloud(OptionValues values) {
    return values.optional(OptionKeys.CLUSTER_ID) != null
        || values.optional(OptionKeys.PROJECT_ID) != null
        || values.optional(OptionKeys.REGION_ID) != null;
  }

  /**
   * Parses the cloud options, when {@link #targetsCloud}; otherwise refuses any cloud-only option.
   *
   * @param lowerCaseOptions the write's options, keys in lower case
   * @param hadoopOverrides the write's {@code fs.*} options, whose S3A keys are the default
   *     credentials for Zilliz to read the user's bucket
   * @return the options, or null for a write into Milvus
   */
  static CloudWriteOptions parse(
      Map<String, String> lowerCaseOptions,
      OptionValues values,
      Map<String, String> hadoopOverrides) {
    if (targetsCloud(values)) {
      return new CloudWriteOptions(lowerCaseOptions, values, hadoopOverrides);
    }
    for (String key : OptionKeys.CLOUD_ONLY_KEYS) {
      if (values.optional(key) != null) {
        throw new InvalidOptionException(
            "Option '"
                + key
                + "' applies only to writes into Zilliz Cloud: set option '"
                + OptionKeys.CLUSTER_ID
                + "' (or '"
                + OptionKeys.PROJECT_ID
                + "' and '"
                + OptionKeys.REGION_ID
                + "') to write into a Zilliz Cloud cluster, or drop it.");
      }
    }
    return null;
  }

  private static String secret(
      OptionValues values, String key, Map<String, String> hadoopOverrides, String hadoopKey) {
    String value = values.optional(key);
    if (value != null) {
      return value;
    }
    for (Map.Entry<String, String> e : hadoopOverrides.entrySet()) {
      if (e.getKey().equalsIgnoreCase(hadoopKey) && !e.getValue().isBlank()) {
        return e.getValue().trim();
      }
    }
    return null;
  }

  /**
   * The volume directory in the contract's form: {@code ""} for the root, otherwise no leading
   * {@code /}, a trailing {@code /}, {@code \} as {@code /}; {@code ..} is refused.
   */
  static String normaliseVolumePath(String value) {
    String path = value.replace('\\', '/').replaceAll("/{2,}", "/").replaceFirst("^/+", "");
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw OptionValues.invalid(
            OptionKeys.VOLUME_PATH,
            value,
            "a directory inside the volume such as milvus-import/, without '.' or '..'");
      }
    }
    return path.isEmpty() || path.endsWith("/") ? path : path + "/";
  }

  /** The control plane: endpoint, API key, cluster, project, region, API generation, back-off. */
  public CloudConnection connection() {
    return connection;
  }

  /** The cluster id, or null when the target is named by project and region. */
  public String clusterId() {
    return connection.clusterId();
  }

  public String projectId() {
    return connection.projectId();
  }

  public String regionId() {
    return connection.regionId();
  }

  public CloudApi api() {
    return connection.api();
  }

  /** A PEM file of extra CA certificates for the volume's object store, or null. */
  public String caPemPath() {
    return caPemPath;
  }

  /** The volume the write stages into, or null for the user's own bucket. */
  public String volume() {
    return volume;
  }

  /** True when the write stages into a volume. */
  public boolean stagesIntoVolume() {
    return volume != null;
  }

  /** The volume directory holding the writes' {@code <writeId>/} directories (normalised). */
  public String volumePath() {
    return volumePath;
  }

  /** A Hadoop directory for the manifests of volume writes, or null to keep them in memory. */
  public String manifestPath() {
    return manifestPath;
  }

  /** The key Zilliz reads the user's bucket with, or null for a volume write (a secret). */
  public String accessKey() {
    return accessKey;
  }

  /** The secret matching {@link #accessKey} (a secret). */
  public String secretKey() {
    return secretKey;
  }

  /** The session token of temporary credentials, or null (a secret). */
  public String sessionToken() {
    return sessionToken;
  }

  /** Secrets are left out on purpose. */
  @Override
  public String toString() {
    return "CloudWriteOptions{"
        + connection
        + (volume == null
            ? ", staging=own bucket, accessKey=***" + (sessionToken == null ? "" : ", token=***")
            : ", volume=" + volume + ", volumePath=" + volumePath)
        + (manifestPath == null ? "" : ", manifestPath=" + manifestPath)
        + (caPemPath == null ? "" : ", cloudCaPemPath=" + caPemPath)
        + "}";
  }
}
