package io.milvusimport.spark;

import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.cloud.ExecutorCredentials;
import io.milvusimport.cloud.UploadSettings;
import io.milvusimport.cloud.Volume;
import io.milvusimport.cloud.VolumeApplier;
import io.milvusimport.cloud.VolumeCredentials;
import io.milvusimport.cloud.VolumeUploader;
import io.milvusimport.cloud.Volumes;
import io.milvusimport.cloud.ZillizCloudException;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.staging.PartSink;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.VolumePartSink;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the tasks of a write staged into a Zilliz Cloud volume need to upload: the volume and the
 * write's directory in it, the driver's credentials with a way to renew them ({@link
 * ExecutorCredentials} over a {@link VolumeApplier}), and the upload settings. The driver makes it
 * once per write, when Spark executes the write ({@link #open}): it describes the volume (refusing
 * an EXTERNAL one or one of another region) and calls {@code apply}, neither of which changes
 * remote state. It crosses to executors inside the writer factory; its {@link #toString} leaves
 * every secret out.
 */
final class VolumeStaging implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(VolumeStaging.class);

  private final String volumeName;
  private final String directory;
  private final ExecutorCredentials credentials;
  private final UploadSettings uploadSettings;
  private final long maxContentLength;
  private final int maxFileNumber;

  private VolumeStaging(
      String volumeName,
      String directory,
      ExecutorCredentials credentials,
      UploadSettings uploadSettings,
      VolumeCredentials applied) {
    this.volumeName = volumeName;
    this.directory = directory;
    this.credentials = credentials;
    this.uploadSettings = uploadSettings;
    this.maxContentLength = applied.maxContentLength();
    this.maxFileNumber = applied.maxFileNumber();
  }

  /**
   * Checks the volume and applies for upload credentials into {@code directory} (the write's {@code
   * <volumePath><writeId>/}); on the driver, once per write.
   */
  static VolumeStaging open(CloudWriteOptions cloud, String directory, String writeId) {
    Volumes volumes = new Volumes(cloud.connection().client());
    String name = cloud.volume();
    if (!volumes.api().stageEra()) {
      check(describe(volumes, name), cloud);
    }
    VolumeCredentials applied;
    try {
      applied = volumes.apply(name, directory);
    } catch (ZillizCloudException e) {
      if (e.getMessage() != null && e.getMessage().contains("EXTERNAL")) {
        throw external(name, e);
      }
      throw e;
    }
    UploadSettings settings = UploadSettings.defaults();
    if (cloud.caPemPath() != null) {
      settings = settings.withCaPem(UploadSettings.readCaPem(cloud.caPemPath()));
    }
    VolumeApplier applier = cloud.connection().applier(name, directory);
    LOG.info(
        "Write {}: tasks upload into Zilliz Cloud volume {} under {} (credentials valid until {};"
            + " at most {} per write{})",
        writeId,
        name,
        directory,
        java.time.Instant.ofEpochMilli(applied.expireEpochMillis()),
        applied.maxContentLength() < 0
            ? "no stated size"
            : OptionValues.human(applied.maxContentLength()),
        applied.maxFileNumber() < 0 ? "" : " and " + applied.maxFileNumber() + " files");
    return new VolumeStaging(
        name, directory, new ExecutorCredentials(applied, directory, applier), settings, applied);
  }

  private static Volume describe(Volumes volumes, String name) {
    try {
      return volumes.describe(name);
    } catch (ZillizCloudException e) {
      String m = e.serverMessage() == null ? "" : e.serverMessage().toLowerCase(Locale.ROOT);
      if (!m.contains("not exist") && !m.contains("not found")) {
        throw e;
      }
      InvalidOptionException missing =
          new InvalidOptionException(
              "Option '"
                  + OptionKeys.VOLUME
                  + "' names volume '"
                  + name
                  + "', which Zilliz Cloud does not know (or the API key cannot see): create it"
                  + " in the cluster's region ('volume create'), or list the project's volumes"
                  + " with spark.read.format(\"milvus-import\").option(\"list\", \"volumes\")."
                  + " Nothing was staged or imported.");
      missing.addSuppressed(e);
      throw missing;
    }
  }

  private static void check(Volume volume, CloudWriteOptions cloud) {
    if (volume.external()) {
      throw external(volume.name(), null);
    }
    if (cloud.regionId() != null
        && volume.regionId() != null
        && !volume.regionId().isEmpty()
        && !volume.regionId().equals(cloud.regionId())) {
      throw new InvalidOptionException(
          "Option '"
              + OptionKeys.VOLUME
              + "' names volume '"
              + volume.name()
              + "' of region "
              + volume.regionId()
              + ", but the write targets region "
              + cloud.regionId()
              + " (option '"
              + OptionKeys.REGION_ID
              + "'): Zilliz Cloud imports only from a volume in the cluster's region. Create a"
              + " volume there. Nothing was staged or imported.");
    }
  }

  private static InvalidOptionException external(String name, RuntimeException cause) {
    InvalidOptionException e =
        new InvalidOptionException(
            "Option '"
                + OptionKeys.VOLUME
                + "' names EXTERNAL volume '"
                + name
                + "', which takes no uploads (it points at your own bucket): stage into a MANAGED"
                + " volume, or stage into your bucket with option 'stagingPath' and import from"
                + " there. Nothing was staged or imported.");
    if (cause != null) {
      e.addSuppressed(cause);
    }
    return e;
  }

  /** A sink for one task attempt's parts (on an executor). */
  PartSink sink(int partition) {
    return new VolumePartSink(
        new VolumeUploader(uploadSettings), credentials, volumeName, directory, partition);
  }

  /**
   * Refuses a write whose staged files exceed what one upload may hold after the apply: its {@code
   * maxContentLength} bytes or its {@code maxFileNumber} objects (an NPY group is one object per
   * column). Checked by each task as its files close (one task alone can be over) and by the driver
   * on the whole write, before any import job.
   *
   * @param who the task or the write, for the message
   */
  void checkLimits(List<StagedFile> files, String who) {
    long bytes = 0;
    int objects = 0;
    for (StagedFile file : files) {
      bytes += file.bytes();
      objects += file.uris().size();
    }
    if (maxContentLength >= 0 && bytes > maxContentLength) {
      throw overLimit(
          who,
          OptionValues.human(bytes),
          OptionValues.human(maxContentLength),
          "maxContentLength",
          "ask Zilliz for a larger upload limit");
    }
    if (maxFileNumber >= 0 && objects > maxFileNumber) {
      throw overLimit(
          who,
          objects + " files",
          maxFileNumber + " files",
          "maxFileNumber",
          "stage fewer, larger files (a larger '"
              + OptionKeys.MAX_FILE_SIZE
              + "', fewer partitions, or format parquet, which is one object per file where npy"
              + " is one per column)");
    }
  }

  private ImportFailedException overLimit(
      String who, String staged, String limit, String condition, String remedy) {
    return new ImportFailedException(
        who
            + " staged "
            + staged
            + " into Zilliz Cloud volume '"
            + volumeName
            + "', over the "
            + limit
            + " one upload may hold ("
            + condition
            + " of the volume's apply): nothing was imported. Write the DataFrame in smaller parts"
            + " (filter it, one write each), or "
            + remedy
            + ". The files already staged stay under "
            + directory
            + " in the volume (its API deletes no single file) until the volume is deleted.");
  }

  @Override
  public String toString() {
    return "VolumeStaging{volume=" + volumeName + ", directory=" + directory + "}";
  }
}
