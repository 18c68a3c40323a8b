package io.milvusimport.cloud;

import io.milvusimport.InvalidOptionException;

/**
 * Where a cloud import reads its files: a volume (files named by data paths relative to its root),
 * or the user's own bucket (object URLs, read with the access key, secret and optional session
 * token given here). Holds secrets in the URL case: {@link #toString} leaves them out.
 */
public final class CloudImportSource {
  private final String volumeName;
  private final String accessKey;
  private final String secretKey;
  private final String token;

  private CloudImportSource(String volumeName, String accessKey, String secretKey, String token) {
    this.volumeName = volumeName;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.token = token;
  }

  /** Files are data paths inside this volume ({@code dir/} for a folder). */
  public static CloudImportSource volume(String volumeName) {
    return new CloudImportSource(volumeName, null, null, null);
  }

  /**
   * Files are object URLs ({@code s3://bucket/key}, {@code gs://...}, ...) that Zilliz reads with
   * these credentials.
   *
   * @param token the session token of temporary credentials, or null
   */
  public static CloudImportSource urls(String accessKey, String secretKey, String token) {
    if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
      throw new InvalidOptionException(
          "An import from object URLs needs the access key and the secret key Zilliz Cloud reads"
              + " them with (command line: --access-key and --secret-key-file).");
    }
    return new CloudImportSource(null, accessKey, secretKey, token);
  }

  public boolean fromVolume() {
    return volumeName != null;
  }

  public String volumeName() {
    return volumeName;
  }

  String accessKey() {
    return accessKey;
  }

  String secretKey() {
    return secretKey;
  }

  String token() {
    return token;
  }

  @Override
  public String toString() {
    return fromVolume()
        ? "CloudImportSource{volume=" + volumeName + "}"
        : "CloudImportSource{objectUrls, accessKey="
            + accessKey
            + ", secretKey=***"
            + (token == null ? "" : ", token=***")
            + "}";
  }
}
