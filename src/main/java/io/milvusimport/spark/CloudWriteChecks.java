package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.cloud.CloudImportJobs;
import io.milvusimport.cloud.CloudImportSource;
import io.milvusimport.commit.CommitSettings;
import io.milvusimport.commit.ImportJobsFactory;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.milvus.RetryPolicy;
import io.milvusimport.staging.StagingLocation;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The option rules that exist only for writes into Zilliz Cloud: where files are staged (a volume,
 * or the user's bucket read through URLs), and the Milvus-only features refused there because the
 * contract leaves them unconfirmed (two-phase import, snapshots), before anything is staged.
 */
final class CloudWriteChecks {
  private CloudWriteChecks() {}

  /** The staging location of a Zilliz Cloud write: its volume, or {@code stagingPath}. */
  static StagingLocation staging(CloudWriteOptions cloud, OptionValues values) {
    String stagingPath = values.optional(OptionKeys.STAGING_PATH);
    String milvusBucket = values.optional(OptionKeys.MILVUS_BUCKET);
    if (milvusBucket != null) {
      throw new InvalidOptionException(
          "Option '"
              + OptionKeys.MILVUS_BUCKET
              + "' applies to Milvus only: Zilliz Cloud reads staged files through object URLs"
              + " or a volume, never as keys of its own bucket. Drop it.");
    }
    if (!cloud.stagesIntoVolume()) {
      return StagingLocation.parseObjectStore(
          values.required(
              OptionKeys.STAGING_PATH,
              "for a Zilliz Cloud write, a bucket Zilliz can read with options 'cloudAccessKey'"
                  + " and 'cloudSecretKey', such as s3a://my-bucket/staging/; or stage into a"
                  + " volume with option 'volume' instead"));
    }
    if (stagingPath != null) {
      throw new InvalidOptionException(
          "Options '"
              + OptionKeys.VOLUME
              + "' and '"
              + OptionKeys.STAGING_PATH
              + "' cannot be combined: a Zilliz Cloud write stages either into the volume ('"
              + cloud.volume()
              + "') or into your own bucket ('"
              + stagingPath
              + "'). Drop one of them; for a volume write, option '"
              + OptionKeys.MANIFEST_PATH
              + "' keeps the manifest in a Hadoop directory.");
    }
    if (cloud.manifestPath() != null) {
      checkHadoopUri(cloud.manifestPath());
    }
    return StagingLocation.volume(cloud.volume(), cloud.volumePath());
  }

  private static void checkHadoopUri(String value) {
    try {
      if (new URI(value).getScheme() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw OptionValues.invalid(
        OptionKeys.MANIFEST_PATH,
        value,
        "a Hadoop directory URI the driver can write, such as s3a://my-bucket/milvus-manifests/");
  }

  /**
   * Refuses a Zilliz Cloud write without option {@code uri} at plan time: the collection's schema,
   * read through the cluster endpoint, decides how rows are encoded, and the control plane does not
   * describe collections, so the check cannot be skipped.
   */
  static void requireCollectionCheck(ImportOptions options) {
    if (options.cloud() != null && !options.connection().hasUri()) {
      throw new InvalidOptionException(
          "Option '"
              + OptionKeys.URI
              + "' is required to plan this Zilliz Cloud write: the collection's schema decides"
              + " how each row is encoded and is read through the cluster endpoint (such as"
              + " https://in01-....api.gcp-us-west1.zillizcloud.com, with option 'token' set to"
              + " the API key). Nothing was staged or imported.");
    }
  }

  /** Refuses the write options Zilliz Cloud does not (or not confirmedly) offer. */
  static void refuseMilvusOnly(
      CloudWriteOptions cloud, OptionValues values, ImportOptions.Atomic atomic, String resume) {
    if (atomic == ImportOptions.Atomic.TRUE) {
      throw OptionValues.invalid(
          OptionKeys.ATOMIC,
          "true",
          "auto or false for a write into Zilliz Cloud: its two-phase import (commit / abort of"
              + " uncommitted jobs) is unconfirmed, so the rows become visible job by job there");
    }
    for (String key : new String[] {OptionKeys.SNAPSHOT, OptionKeys.SNAPSHOT_BEFORE}) {
      if (values.optional(key) != null) {
        throw new InvalidOptionException(
            "Option '"
                + key
                + "' takes a Milvus 3.0.1+ snapshot, which writes into Zilliz Cloud do not offer:"
                + " drop it (Zilliz Cloud has backups of its own).");
      }
    }
    if (resume != null && cloud.stagesIntoVolume() && cloud.manifestPath() == null) {
      throw new InvalidOptionException(
          "Option '"
              + OptionKeys.RESUME_WRITE_ID
              + "' needs the write's manifest, but a volume write keeps it only with option '"
              + OptionKeys.MANIFEST_PATH
              + "': give the 'manifestPath' the write ran with. Without it, check the write's"
              + " import jobs on the Zilliz Cloud control plane instead of running it again.");
    }
  }

  /**
   * The import jobs of a Zilliz Cloud write, on its control plane: from the volume ({@code
   * volumeName} + {@code dataPaths}) or from the user's bucket ({@code objectUrls} read with
   * options {@code cloudAccessKey}, {@code cloudSecretKey}, {@code cloudSessionToken}). The
   * database goes with the request only when it is not {@code default} (Serverless clusters have
   * only that one, and take no {@code dbName}). The control-plane client backs off by the cloud
   * connection's own call settings, so {@code retry} is not used here.
   */
  static ImportJobsFactory importJobs(CloudWriteOptions cloud) {
    return new ImportJobsFactory() {
      @Override
      public ImportJobsApi create(CommitSettings settings, RetryPolicy retry) {
        CloudImportSource source =
            cloud.stagesIntoVolume()
                ? CloudImportSource.volume(cloud.volume())
                : CloudImportSource.urls(
                    cloud.accessKey(), cloud.secretKey(), cloud.sessionToken());
        String database = settings.connection().database();
        return new CloudImportJobs(
            cloud.connection().client(),
            "default".equals(database) ? null : database,
            settings.collection(),
            source);
      }

      @Override
      public String serviceName() {
        return "Zilliz Cloud";
      }
    };
  }
}
