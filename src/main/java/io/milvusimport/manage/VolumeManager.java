package io.milvusimport.manage;

import io.milvusimport.cloud.CloudConnection;
import io.milvusimport.cloud.Volume;
import io.milvusimport.cloud.VolumeCredentials;
import io.milvusimport.cloud.Volumes;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zilliz Cloud volumes from Java, Scala, PySpark or the command line without a SparkSession:
 * create, list, describe and delete the volumes (or stages, {@code cloudApi=stages}) of option
 * {@code projectId}, and get upload credentials. It takes the control-plane options ({@code
 * cloudEndpoint}, {@code cloudApiKey}, {@code projectId}, {@code regionId}, {@code cloudApi}) from
 * a plain map, so the map that configures a write configures this. Each call is one or a few HTTP
 * requests; there is nothing to close.
 */
public final class VolumeManager {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeManager.class);

  private final CloudConnection connection;
  private final Volumes volumes;

  private VolumeManager(CloudConnection connection) {
    this.connection = connection;
    this.volumes = new Volumes(connection.client());
  }

  /**
   * @throws io.milvusimport.InvalidOptionException naming a bad option
   */
  public static VolumeManager create(Map<String, String> options) {
    return create(CloudConnection.parse(options));
  }

  public static VolumeManager create(CloudConnection connection) {
    return new VolumeManager(connection);
  }

  /** Creates a MANAGED volume in {@code regionId} and returns it as described. */
  public Volume createVolume(String name) {
    return created(volumes.create(name));
  }

  /** Creates an EXTERNAL volume over {@code path} (ending {@code /}) of the user's bucket. */
  public Volume createExternalVolume(String name, String storageIntegrationId, String path) {
    return created(volumes.create(name, Volume.EXTERNAL, storageIntegrationId, path));
  }

  private Volume created(String name) {
    LOG.info("Created {} '{}' in project {}", noun(), name, connection.projectId());
    if (volumes.api().stageEra()) {
      return listVolumes().stream()
          .filter(v -> v.name().equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new io.milvusimport.MilvusImportException(
                      "Stage '" + name + "' was created but is not listed."));
    }
    return volumes.describe(name);
  }

  /** Every volume of the project. */
  public List<Volume> listVolumes() {
    return volumes.list();
  }

  /** The project's volumes of one type ({@code MANAGED} or {@code EXTERNAL}). */
  public List<Volume> listVolumes(String type) {
    return volumes.list(type);
  }

  public Volume describeVolume(String name) {
    return volumes.describe(name);
  }

  /** Deletes the volume with every file in it. */
  public void deleteVolume(String name) {
    volumes.delete(name);
    LOG.info("Deleted {} '{}' and its files", noun(), name);
  }

  /** Temporary upload credentials for {@code dir} of the volume. */
  public VolumeCredentials applyCredentials(String name, String dir) {
    return volumes.apply(name, dir);
  }

  private String noun() {
    return volumes.api().noun();
  }

  @Override
  public String toString() {
    return "VolumeManager{" + connection + "}";
  }
}
