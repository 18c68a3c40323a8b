package io.milvusimport.cloud;

import java.util.TreeMap;

/**
 * Calls {@code apply} for one volume directory, wherever it runs: the driver of a write staged into
 * a volume hands it to its tasks inside the writer factory, so a task whose credentials near their
 * expiry renews them itself. Spark has no public channel from the driver to a running task, and a
 * long task may outlive the credentials it was shipped with. It therefore carries the control-plane
 * options, the API key among them, parsed again by {@link CloudConnection} where it is used; {@link
 * #toString} leaves the key out, and it is never logged.
 */
public final class VolumeApplier implements SerializableSupplier<VolumeCredentials> {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, String> connectionKeys;
  private final String volumeName;
  private final String dir;

  VolumeApplier(TreeMap<String, String> connectionKeys, String volumeName, String dir) {
    this.connectionKeys = connectionKeys;
    this.volumeName = volumeName;
    this.dir = VolumePaths.directory(dir);
  }

  @Override
  public VolumeCredentials get() {
    return new Volumes(CloudConnection.parse(connectionKeys).client()).apply(volumeName, dir);
  }

  public String volumeName() {
    return volumeName;
  }

  /** The directory inside the volume, normalised ({@link VolumePaths#directory}). */
  public String dir() {
    return dir;
  }

  /** The API key is left out on purpose. */
  @Override
  public String toString() {
    return "VolumeApplier{volume="
        + volumeName
        + ", path="
        + dir
        + ", endpoint="
        + connectionKeys.getOrDefault(
            CloudKeys.CLOUD_ENDPOINT.toLowerCase(java.util.Locale.ROOT), CloudKeys.DEFAULT_ENDPOINT)
        + ", apiKey=***}";
  }
}
