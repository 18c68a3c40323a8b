package io.milvusimport.staging;

import io.milvusimport.InvalidOptionException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where staged files go, and how Milvus must be told about them. Open-source Milvus reads import
 * paths as object keys inside its own bucket ({@code minio.bucketName}), never as URIs, so a file
 * staged at {@code s3a://milvus-bucket/staging/w1/part-0.json} is sent as {@code
 * staging/w1/part-0.json}. A Milvus on local storage reads plain file paths instead.
 */
public final class StagingLocation implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> BUCKET_SCHEMES =
      Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs", "minio");
  private static final Set<String> CONTAINER_SCHEMES = Set.of("abfs", "abfss", "wasb", "wasbs");

  /**
   * The scheme of files staged into a Zilliz Cloud volume: {@code zilliz-volume://<volume>/<path>}.
   */
  public static final String VOLUME_SCHEME = "zilliz-volume";

  private final String root;
  private final String bucket;
  private final String volume;

  private StagingLocation(String root, String bucket, String volume) {
    this.root = root;
    this.bucket = bucket;
    this.volume = volume;
  }

  /**
   * Staging straight into a Zilliz Cloud volume: files are named {@code
   * zilliz-volume://<volume>/<volumePath><writeId>/...}; no Hadoop file system reaches them.
   *
   * @param volumePath the normalised directory in the volume ({@code ""} or ending with {@code /})
   */
  public static StagingLocation volume(String volume, String volumePath) {
    String root = VOLUME_SCHEME + "://" + volume + "/" + volumePath;
    return new StagingLocation(root.replaceAll("/+$", ""), null, volume);
  }

  /**
   * As {@link #parse} for a write into Zilliz Cloud, which reads the files through object URLs
   * ({@link ObjectUrls}): any other staging path is refused.
   */
  public static StagingLocation parseObjectStore(String stagingPath) {
    StagingLocation location = parse(stagingPath, null);
    ObjectUrls.checkStagingPath(stagingPath);
    return location;
  }

  /**
   * @param stagingPath any Hadoop file system URI
   * @param milvusBucket the bucket Milvus reads, or null to take the staging path's own bucket
   */
  public static StagingLocation parse(String stagingPath, String milvusBucket) {
    URI uri;
    try {
      uri = new URI(stagingPath);
    } catch (URISyntaxException e) {
      throw invalidPath(stagingPath, "it is not a valid URI (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || uri.getPath() == null) {
      throw invalidPath(stagingPath, "it has no file system scheme");
    }
    String root = stagingPath.replaceAll("/+$", "");
    String ownBucket = bucketOf(scheme, uri);
    if (ownBucket == null) {
      if (milvusBucket != null) {
        throw new InvalidOptionException(
            "Option 'milvusBucket' ('"
                + milvusBucket
                + "') applies only to object-store staging paths (s3a://, gs://, abfs://...), but"
                + " 'stagingPath' is '"
                + stagingPath
                + "': Milvus on local storage reads plain file paths.");
      }
      return new StagingLocation(root, null, null);
    }
    if (milvusBucket != null && !milvusBucket.equals(ownBucket)) {
      throw new InvalidOptionException(
          "Option 'stagingPath' ('"
              + stagingPath
              + "') is in bucket '"
              + ownBucket
              + "', outside option 'milvusBucket' ('"
              + milvusBucket
              + "'): Milvus reads import files only as keys inside its own bucket"
              + " (minio.bucketName), so stage under s3a://"
              + milvusBucket
              + "/ or point 'milvusBucket' at the staging bucket.");
    }
    return new StagingLocation(root, ownBucket, null);
  }

  private static String bucketOf(String scheme, URI uri) {
    if (BUCKET_SCHEMES.contains(scheme)) {
      if (uri.getAuthority() == null) {
        throw invalidPath(uri.toString(), "it names no bucket");
      }
      return uri.getAuthority();
    }
    if (CONTAINER_SCHEMES.contains(scheme) && uri.getUserInfo() != null) {
      return uri.getUserInfo();
    }
    return null;
  }

  private static InvalidOptionException invalidPath(String value, String why) {
    return new InvalidOptionException(
        "Option 'stagingPath' has an invalid value '"
            + value
            + "': "
            + why
            + ". Expected a Hadoop file system URI such as s3a://milvus-bucket/staging/ or"
            + " file:///tmp/milvus-staging/.");
  }

  /** The staging root URI without a trailing slash. */
  public String root() {
    return root;
  }

  /** The directory of one write's files. */
  public String writeDirectory(String writeId) {
    return root + "/" + writeId;
  }

  /** The Zilliz Cloud volume staged into, or null for a Hadoop file system. */
  public String volume() {
    return volume;
  }

  /** The bucket Milvus reads, or null when Milvus reads local file paths. */
  public String bucket() {
    return bucket;
  }

  /** The path Milvus's import reader must be given for a staged file URI. */
  public String milvusPath(String fileUri) {
    URI uri = URI.create(fileUri);
    String path = uri.getPath();
    return bucket == null ? path : path.replaceFirst("^/+", "");
  }

  @Override
  public String toString() {
    if (volume != null) {
      return root + " (Zilliz Cloud volume " + volume + ")";
    }
    return bucket == null ? root : root + " (Milvus bucket " + bucket + ")";
  }
}
