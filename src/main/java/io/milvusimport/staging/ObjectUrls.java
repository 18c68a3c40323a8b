package io.milvusimport.staging;

import io.milvusimport.InvalidOptionException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How Zilliz Cloud must be told about files staged in the user's own bucket: its import reads
 * {@code objectUrls}, not keys of Milvus's bucket, and knows {@code s3://} and {@code gs://} but
 * not Hadoop's {@code s3a://} or {@code s3n://} connectors. A staged column group of {@code .npy}
 * files is addressed by its folder, with a trailing {@code /}, as Zilliz reads one NumPy
 * sub-directory per import file. Files staged into a volume are addressed by their data path
 * instead ({@link #volumeDataPath}).
 */
public final class ObjectUrls {
  private static final Set<String> S3_SCHEMES = Set.of("s3a", "s3", "s3n");
  private static final String ACCEPTED = "s3a://, s3://, s3n:// or gs://";

  private ObjectUrls() {}

  /**
   * Refuses a staging path Zilliz Cloud cannot read through a URL (local, HDFS, other stores).
   *
   * @throws InvalidOptionException naming option {@code stagingPath}
   */
  static void checkStagingPath(String stagingPath) {
    String scheme = URI.create(stagingPath).getScheme().toLowerCase(Locale.ROOT);
    if (!S3_SCHEMES.contains(scheme) && !scheme.equals("gs")) {
      throw new InvalidOptionException(
          "Option 'stagingPath' is '"
              + stagingPath
              + "', but Zilliz Cloud reads only object-store URLs of a bucket it can reach ("
              + ACCEPTED
              + " staging paths, sent as s3:// or gs:// URLs): stage in such a bucket, or into a"
              + " Zilliz Cloud volume with option 'volume'.");
    }
  }

  /** The URL Zilliz reads for a staged file's Hadoop URI: {@code s3a://b/k} is {@code s3://b/k}. */
  public static String url(String hadoopUri) {
    URI uri = URI.create(hadoopUri);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getAuthority() == null) {
      throw new IllegalArgumentException("not an object-store URI: " + hadoopUri);
    }
    String key = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (S3_SCHEMES.contains(scheme)) {
      return "s3://" + uri.getRawAuthority() + key;
    }
    if (scheme.equals("gs")) {
      return "gs://" + uri.getRawAuthority() + key;
    }
    throw new IllegalArgumentException(
        "Zilliz Cloud reads only " + ACCEPTED + " files, not " + hadoopUri);
  }

  /**
   * The data path of a file staged into a volume: {@code zilliz-volume://<volume>/<path>} is {@code
   * <path>}, relative to the volume's root as the import's {@code dataPaths} want it.
   */
  public static String volumeDataPath(String stagedUri, String volume) {
    String prefix = StagingLocation.VOLUME_SCHEME + "://" + volume + "/";
    if (!stagedUri.startsWith(prefix) || stagedUri.length() == prefix.length()) {
      throw new IllegalArgumentException(
          "staged file " + stagedUri + " is not in Zilliz Cloud volume " + volume);
    }
    return stagedUri.substring(prefix.length());
  }

  /**
   * The folder of a staged NumPy column group ({@code .../part-0/a.npy}, {@code .../part-0/b.npy}
   * is {@code .../part-0/}), or null for a single JSON or Parquet file, or parts that do not share
   * one folder.
   */
  public static String npyGroupFolder(List<String> uris) {
    String folder = null;
    for (String uri : uris) {
      if (!uri.toLowerCase(Locale.ROOT).endsWith(".npy")) {
        return null;
      }
      String parent = uri.substring(0, uri.lastIndexOf('/') + 1);
      if (folder != null && !folder.equals(parent)) {
        return null;
      }
      folder = parent;
    }
    return folder;
  }
}
