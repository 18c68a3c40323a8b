package io.milvusimport.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusImportException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zilliz Cloud volumes (or, with {@code cloudApi=stages}, the stages they replaced): create, list
 * every page, describe, delete, and {@code apply} for upload credentials. Names and directories are
 * checked on the client first ({@link VolumePaths}). Volumes belong to option {@code projectId};
 * new ones are made in option {@code regionId}, which must be the target cluster's region.
 */
public final class Volumes {
  static final int PAGE_SIZE = 100;

  private final ZillizCloudClient client;
  private final CloudApi api;

  public Volumes(ZillizCloudClient client) {
    this.client = client;
    this.api = client.connection().api();
  }

  /** Creates a MANAGED volume in the connection's project and region. */
  public String create(String name) {
    return create(name, Volume.MANAGED, null, null);
  }

  /**
   * Creates a volume.
   *
   * @param type {@link Volume#MANAGED} or {@link Volume#EXTERNAL}
   * @param storageIntegrationId EXTERNAL only: the storage integration of the user's bucket
   * @param path EXTERNAL only: the folder in that bucket, ending with {@code /}
   * @return the name the control plane answered
   */
  public String create(String name, String type, String storageIntegrationId, String path) {
    VolumePaths.checkName(name, api);
    String kind = type == null ? Volume.MANAGED : type.toUpperCase(Locale.ROOT);
    ObjectNode body = client.body();
    body.put("projectId", projectId("creating a " + api.noun()));
    body.put(
        "regionId",
        CloudConnection.require(
            CloudKeys.REGION_ID,
            client.connection().regionId(),
            "creating a " + api.noun() + " (use the target cluster's region)"));
    body.put(api.nameField(), name);
    if (api.stageEra()) {
      if (!Volume.MANAGED.equals(kind)) {
        throw new InvalidOptionException(
            "Stages have no type: EXTERNAL needs the volume API (option '"
                + CloudKeys.CLOUD_API
                + "' = volumes).");
      }
    } else if (Volume.EXTERNAL.equals(kind)) {
      if (storageIntegrationId == null || storageIntegrationId.isBlank()) {
        throw new InvalidOptionException(
            "EXTERNAL volume '" + name + "' needs a storageIntegrationId (--storage-integration).");
      }
      if (path == null || !path.endsWith("/")) {
        throw new InvalidOptionException(
            "EXTERNAL volume '"
                + name
                + "' needs the folder in your bucket as path, ending with '/' (got '"
                + path
                + "').");
      }
      body.put("type", kind).put("storageIntegrationId", storageIntegrationId).put("path", path);
    } else if (Volume.MANAGED.equals(kind)) {
      body.put("type", kind);
    } else {
      throw new InvalidOptionException(
          "Volume type '" + type + "' is not known: MANAGED (default) or EXTERNAL.");
    }
    JsonNode data = client.post(api.basePath() + "/create", body, false);
    return data.path(api.nameField()).asText(name);
  }

  /** Every volume of the project (all pages). */
  public List<Volume> list() {
    return list(null);
  }

  /** Every volume of the project of {@code type} (null: all types; stages have none). */
  public List<Volume> list(String type) {
    if (type != null && api.stageEra()) {
      throw new InvalidOptionException("Stages have no type to filter by: list them all.");
    }
    List<Volume> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("projectId", projectId("listing " + api.noun() + "s"));
      query.put("currentPage", Integer.toString(page));
      query.put("pageSize", Integer.toString(PAGE_SIZE));
      query.put("type", type == null ? null : type.toUpperCase(Locale.ROOT));
      JsonNode data = client.get(api.basePath(), query);
      JsonNode items = data.path(api.listField());
      items.forEach(v -> out.add(Volume.fromJson(v, api)));
      long count = data.path("count").asLong(out.size());
      if (items.size() == 0 || out.size() >= count) {
        return out;
      }
    }
  }

  /**
   * The volume as the control plane describes it.
   *
   * @throws MilvusImportException on the stage API, which has no describe
   */
  public Volume describe(String name) {
    VolumePaths.checkName(name, api);
    if (api.stageEra()) {
      throw new MilvusImportException(
          "The stage API has no describe: list the stages instead (or use option '"
              + CloudKeys.CLOUD_API
              + "' = volumes where your organisation has volumes).");
    }
    return Volume.fromJson(client.get(api.basePath() + "/" + encoded(name), Map.of()), api);
  }

  /** Deletes the volume and every file in it (single files cannot be deleted). */
  public void delete(String name) {
    VolumePaths.checkName(name, api);
    client.delete(api.basePath() + "/" + encoded(name));
  }

  /**
   * Temporary credentials to upload into {@code dir} of the volume ({@code apply}; not in the
   * public REST reference). {@code dir} is normalised ({@link VolumePaths#directory}).
   */
  public VolumeCredentials apply(String name, String dir) {
    VolumePaths.checkName(name, api);
    ObjectNode body = client.body().put(api.nameField(), name);
    body.put("path", VolumePaths.directory(dir));
    return VolumeCredentials.fromApply(
        client.post(api.basePath() + "/apply", body, true), api.stageEra());
  }

  public CloudApi api() {
    return api;
  }

  private String projectId(String what) {
    return CloudConnection.require(CloudKeys.PROJECT_ID, client.connection().projectId(), what);
  }

  private static String encoded(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
