package io.milvusimport.staging;

import io.milvusimport.StagingFileSystemException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks on the driver, before Milvus is called, that the staging path's file system can start
 * here: a missing hadoop-aws, or one built for another Hadoop than Spark's (hadoop-aws 3.3.4 on
 * Spark 4's Hadoop 3.4 fails on {@code "60s"}), would otherwise surface inside every task. The
 * answer names the artifact and version to add. (Executors are checked by running; a cluster whose
 * driver and executors differ is beyond what the driver can see.)
 */
public final class StagingFileSystemCheck {
  private static final Logger LOG = LoggerFactory.getLogger(StagingFileSystemCheck.class);
  private static final String S3A_CLASS = "org.apache.hadoop.fs.s3a.S3AFileSystem";
  private static final Pattern RELEASE = Pattern.compile("^(\\d+\\.\\d+\\.\\d+)");

  private StagingFileSystemCheck() {}

  /** Starts the file system of {@code stagingPath} with {@code conf}, or explains what to add. */
  public static void check(String stagingPath, Configuration conf) {
    URI uri = new Path(stagingPath).toUri();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    Class<? extends FileSystem> implementation;
    try {
      implementation = FileSystem.getFileSystemClass(scheme, conf);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new StagingFileSystemException(
          "Option 'stagingPath' ('"
              + stagingPath
              + "'): this Spark has no file system for '"
              + scheme
              + "://' ("
              + e
              + "). "
              + whatToAdd(scheme),
          e);
    }
    checkHadoopAwsVersion(stagingPath, implementation);
    try {
      FileSystem.get(uri, conf);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new StagingFileSystemException(
          "Option 'stagingPath' ('"
              + stagingPath
              + "'): its file system "
              + implementation.getName()
              + " does not start ("
              + e
              + "). "
              + (S3A_CLASS.equals(implementation.getName())
                  ? whatToAdd(scheme)
                  : "Check the fs." + scheme + ".* settings and the file system's jars."),
          e);
    }
  }

  private static void checkHadoopAwsVersion(
      String stagingPath, Class<? extends FileSystem> implementation) {
    if (!S3A_CLASS.equals(implementation.getName())) {
      return;
    }
    String problem = versionProblem(hadoopAwsVersion(implementation), VersionInfo.getVersion());
    if (problem != null) {
      throw new StagingFileSystemException(
          "Option 'stagingPath' ('" + stagingPath + "'): " + problem, null);
    }
  }

  /**
   * Why hadoop-aws {@code aws} cannot run on Hadoop {@code hadoop}, or null when their releases
   * match or either is unknown (vendor builds such as EMR's {@code 3.3.6-amzn-2} compare by their
   * release number).
   */
  static String versionProblem(String aws, String hadoop) {
    if (release(aws) == null || release(hadoop) == null) {
      LOG.debug("Could not compare hadoop-aws {} with Hadoop {}", aws, hadoop);
      return null;
    }
    if (release(aws).equals(release(hadoop))) {
      return null;
    }
    return "hadoop-aws "
        + aws
        + " is on the class path, but this Spark runs Hadoop "
        + hadoop
        + "; S3A works only with the hadoop-aws of the same Hadoop version. Use"
        + " org.apache.hadoop:hadoop-aws:"
        + release(hadoop)
        + " instead (--packages brings the AWS SDK it needs).";
  }

  /** What a user adds to get {@code scheme}'s file system, with versions where we know them. */
  static String whatToAdd(String scheme) {
    if (scheme.equals("s3a")) {
      return "Add org.apache.hadoop:hadoop-aws:"
          + release(VersionInfo.getVersion())
          + " (the version of Spark's Hadoop) to the job, e.g. spark-submit --packages"
          + " org.apache.hadoop:hadoop-aws:"
          + release(VersionInfo.getVersion())
          + ", which brings the AWS SDK it needs; with --jars add that SDK as well.";
    }
    if (scheme.equals("s3") || scheme.equals("s3n")) {
      return "On EMR, s3:// is EMRFS; elsewhere use s3a:// with hadoop-aws, or map fs."
          + scheme
          + ".impl to org.apache.hadoop.fs.s3a.S3AFileSystem.";
    }
    return "Add the Hadoop connector for '" + scheme + "://' to the job's jars.";
  }

  /** The Maven version recorded in the jar a class came from, or null. */
  private static String hadoopAwsVersion(Class<?> implementation) {
    CodeSource source = implementation.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    String location = source.getLocation().toString();
    if (!location.endsWith(".jar")) {
      return null;
    }
    try {
      URL properties =
          new URL(
              "jar:" + location + "!/META-INF/maven/org.apache.hadoop/hadoop-aws/pom.properties");
      try (InputStream in = properties.openStream()) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version");
      }
    } catch (IOException e) {
      LOG.debug("No hadoop-aws version in {}", location, e);
      return null;
    }
  }

  private static String release(String version) {
    if (version == null) {
      return null;
    }
    Matcher m = RELEASE.matcher(version);
    return m.find() ? m.group(1) : null;
  }
}
