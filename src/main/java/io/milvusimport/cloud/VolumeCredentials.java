package io.milvusimport.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What one {@code apply} on a Zilliz Cloud volume hands out: where the volume's objects live and
 * short-lived credentials to PUT them. It is the only cloud value that crosses to executors, so it
 * holds plain fields (Java serialization and Kryo alike) and its {@link #toString} never shows the
 * secret or the session token. The credentials may allow PUT and LIST only: nothing that holds them
 * may HEAD or GET.
 */
public final class VolumeCredentials implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final String cloud;
  private final String region;
  private final String bucketName;
  private final String uploadPath;
  private final String volumeName;
  private final String volumePrefix;
  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;
  private final long expireEpochMillis;
  private final long maxContentLength;
  private final int maxFileNumber;

  private VolumeCredentials(JsonNode data, boolean stageEra) {
    this.endpoint = data.path("endpoint").asText("");
    this.cloud = data.path("cloud").asText("");
    this.region = data.path("region").asText("");
    this.bucketName = data.path("bucketName").asText("");
    this.uploadPath = data.path("uploadPath").asText("");
    this.volumeName = data.path(stageEra ? "stageName" : "volumeName").asText("");
    this.volumePrefix = data.path(stageEra ? "stagePrefix" : "volumePrefix").asText("");
    JsonNode credentials = data.path("credentials");
    this.accessKey = credentials.path("tmpAK").asText("");
    this.secretKey = credentials.path("tmpSK").asText("");
    this.sessionToken = credentials.path("sessionToken").asText("");
    this.expireEpochMillis = parseExpiry(credentials.path("expireTime").asText(""));
    JsonNode condition = data.path("condition");
    this.maxContentLength = condition.path("maxContentLength").asLong(-1);
    this.maxFileNumber = condition.path("maxFileNumber").asInt(-1);
  }

  /**
   * Reads the {@code data} of an {@code apply} answer.
   *
   * @param stageEra true for the older {@code /v2/stages/apply} field names ({@code stageName},
   *     {@code stagePrefix})
   */
  public static VolumeCredentials fromApply(JsonNode data, boolean stageEra) {
    return new VolumeCredentials(data, stageEra);
  }

  private static long parseExpiry(String text) {
    if (text.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("apply answered an unreadable expireTime: " + text, e);
    }
  }

  /** The object store's host (no scheme: HTTPS), as {@code apply} answered it. */
  public String endpoint() {
    return endpoint;
  }

  /** {@code aws}, {@code gcp}, {@code ali} or {@code tc}. */
  public String cloud() {
    return cloud;
  }

  public String region() {
    return region;
  }

  public String bucketName() {
    return bucketName;
  }

  public String uploadPath() {
    return uploadPath;
  }

  public String volumeName() {
    return volumeName;
  }

  /** Prepended to a volume path to make the object key. */
  public String volumePrefix() {
    return volumePrefix;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public String sessionToken() {
    return sessionToken;
  }

  /** When the credentials stop working; {@link Instant#MAX}-like when the answer had none. */
  public long expireEpochMillis() {
    return expireEpochMillis;
  }

  /** Bytes one upload batch may hold after this apply, or -1 when not given. */
  public long maxContentLength() {
    return maxContentLength;
  }

  /** Files one upload batch may hold after this apply, or -1 when not given. */
  public int maxFileNumber() {
    return maxFileNumber;
  }

  /** True when fewer than {@code marginMillis} are left before the credentials expire. */
  public boolean expiresWithin(long marginMillis, long nowMillis) {
    return expireEpochMillis != Long.MAX_VALUE && nowMillis + marginMillis >= expireEpochMillis;
  }

  /** The object key of a path inside the volume. */
  public String objectKey(String volumePath) {
    return volumePrefix + volumePath;
  }

  @Override
  public String toString() {
    return "VolumeCredentials{volume="
        + volumeName
        + ", cloud="
        + cloud
        + ", endpoint="
        + endpoint
        + ", bucket="
        + bucketName
        + ", expires="
        + (expireEpochMillis == Long.MAX_VALUE
            ? "never"
            : Instant.ofEpochMilli(expireEpochMillis).toString())
        + ", secret=***}";
  }
}
