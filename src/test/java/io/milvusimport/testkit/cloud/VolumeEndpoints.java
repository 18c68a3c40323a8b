package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.cloud.ZillizRouter.Refusal;
import io.milvusimport.testkit.cloud.ZillizRouter.Request;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code /v2/volumes/*} and the stage era's {@code /v2/stages/*} over one store of volumes: the
 * contract's fields, name rule, uniqueness in the organisation, at most {@code maxVolumes} managed
 * volumes, known project and region, EXTERNAL volumes (storage integration, path ending {@code /})
 * that take no uploads, paging, and {@code apply} through the {@link VolumeCredentialIssuer}. The
 * refusal codes other than 1800 are the stand-in's own (Zilliz documents none for volumes).
 */
final class VolumeEndpoints {
  static final int INVALID_PROJECT = 96005;
  static final int INVALID_REGION = 96001;
  static final int INVALID_PAGE_SIZE = 96008;
  static final int VOLUME_NOT_FOUND = 96100;
  static final int INVALID_NAME = 96101;
  static final int VOLUME_EXISTS = 96102;
  static final int VOLUME_LIMIT = 96103;
  static final int NO_UPLOADS = 96104;
  static final int INVALID_PARAMETER = 96105;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  /** One volume of the store. */
  static final class Vol {
    final String name;
    final String type;
    final String projectId;
    final String regionId;
    final String storageIntegrationId;
    final String path;
    final String prefix;
    final String createTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    Vol(
        String name,
        String type,
        String projectId,
        String regionId,
        String storageIntegrationId,
        String path) {
      this.name = name;
      this.type = type;
      this.projectId = projectId;
      this.regionId = regionId;
      this.storageIntegrationId = storageIntegrationId;
      this.path = path;
      this.prefix = "volumes/" + projectId + "/" + name + "/";
    }

    ObjectNode json(String nameField) {
      ObjectNode o = ZillizRouter.JSON.createObjectNode().put(nameField, name);
      o.put("type", type).put("regionId", regionId);
      if (!storageIntegrationId.isEmpty()) {
        o.put("storageIntegrationId", storageIntegrationId).put("path", path);
      }
      return o.put("status", "RUNNING").put("createTime", createTime);
    }
  }

  private final Map<String, Set<String>> regionsByProject;
  private final int maxVolumes;
  private final VolumeCredentialIssuer issuer;
  final Map<String, Vol> volumes = new ConcurrentHashMap<>();

  VolumeEndpoints(
      Map<String, Set<String>> regionsByProject, int maxVolumes, VolumeCredentialIssuer issuer) {
    this.regionsByProject = regionsByProject;
    this.maxVolumes = maxVolumes;
    this.issuer = issuer;
  }

  void registerAll(ZillizRouter r) {
    register(r, "/v2/volumes", "volumeName", "volumePrefix", "volumes");
    r.register("GET", "/v2/volumes/*", req -> get(req.tail()).json("volumeName"));
    register(r, "/v2/stages", "stageName", "stagePrefix", "stages");
  }

  private void register(
      ZillizRouter r, String base, String nameField, String prefixField, String listField) {
    r.register("POST", base + "/create", req -> create(req, nameField));
    r.register("GET", base, req -> list(req, nameField, listField));
    r.register(
        "DELETE",
        base + "/*",
        req -> {
          volumes.remove(get(req.tail()).name);
          return ZillizRouter.JSON.createObjectNode().put(nameField, req.tail());
        });
    r.register("POST", base + "/apply", req -> apply(req, nameField, prefixField));
  }

  Vol get(String name) {
    Vol v = volumes.get(name);
    if (v == null) {
      throw new Refusal(VOLUME_NOT_FOUND, "volume " + name + " does not exist");
    }
    return v;
  }

  private JsonNode create(Request req, String nameField) {
    String project = req.text("projectId");
    String region = req.text("regionId");
    String name = req.text(nameField);
    Set<String> regions = regionsByProject.get(project);
    if (regions == null) {
      throw new Refusal(
          INVALID_PROJECT,
          "Invalid projectId. The projectId should be like proj-xxxxxxxx. Please use the"
              + " ListProjects API to obtain your scoped projects.");
    }
    if (!regions.contains(region)) {
      throw new Refusal(
          INVALID_REGION,
          "Invalid RegionId. Please use the ListCloudRegions API to obtain a list of supported"
              + " regionIds.");
    }
    if (!NAME.matcher(name).matches()) {
      throw new Refusal(
          INVALID_NAME,
          "invalid volume name "
              + name
              + ": at most 64 characters, starting with a letter or underscore, then letters,"
              + " digits, hyphens or underscores");
    }
    String type = req.body.path("type").asText("MANAGED");
    String integration = req.body.path("storageIntegrationId").asText("");
    String path = req.body.path("path").asText("");
    if ("EXTERNAL".equals(type)) {
      if (integration.isEmpty() || !path.endsWith("/")) {
        throw new Refusal(
            INVALID_PARAMETER, "EXTERNAL volume needs storageIntegrationId and a path ending /");
      }
    } else if (!"MANAGED".equals(type)) {
      throw new Refusal(INVALID_PARAMETER, "invalid volume type " + type);
    }
    synchronized (volumes) {
      if (volumes.containsKey(name)) {
        throw new Refusal(VOLUME_EXISTS, "volume " + name + " already exists");
      }
      long managed = volumes.values().stream().filter(v -> v.type.equals("MANAGED")).count();
      if ("MANAGED".equals(type) && managed >= maxVolumes) {
        throw new Refusal(
            VOLUME_LIMIT, "the organization has reached the limit of " + maxVolumes + " volumes");
      }
      volumes.put(name, new Vol(name, type, project, region, integration, path));
    }
    return ZillizRouter.JSON.createObjectNode().put(nameField, name);
  }

  private JsonNode list(Request req, String nameField, String listField) {
    String project = req.text("projectId");
    if (!regionsByProject.containsKey(project)) {
      throw new Refusal(INVALID_PROJECT, "Invalid projectId.");
    }
    int page = Integer.parseInt(req.query.getOrDefault("currentPage", "1"));
    int size = Integer.parseInt(req.query.getOrDefault("pageSize", "10"));
    if (size < 1 || size > 100) {
      throw new Refusal(
          INVALID_PAGE_SIZE, "The parameter value for pageSize should be between 1 and 100.");
    }
    String type = req.query.get("type");
    List<Vol> matching = new ArrayList<>();
    volumes.values().stream()
        .filter(v -> v.projectId.equals(project) && (type == null || v.type.equals(type)))
        .sorted((a, b) -> a.name.compareTo(b.name))
        .forEach(matching::add);
    ObjectNode data = ZillizRouter.JSON.createObjectNode();
    data.put("count", matching.size()).put("currentPage", page).put("pageSize", size);
    ArrayNode items = data.putArray(listField);
    int from = Math.min(matching.size(), (page - 1) * size);
    for (Vol v : matching.subList(from, Math.min(matching.size(), from + size))) {
      items.add(
          "stages".equals(listField)
              ? ZillizRouter.JSON.createObjectNode().put(nameField, v.name)
              : v.json(nameField));
    }
    return data;
  }

  private JsonNode apply(Request req, String nameField, String prefixField) {
    Vol v = get(req.text(nameField));
    if ("EXTERNAL".equals(v.type)) {
      throw new Refusal(
          NO_UPLOADS, "volume " + v.name + " is EXTERNAL: it points at your bucket, upload there");
    }
    ObjectNode data = issuer.apply(v.name, v.prefix, req.text("path"));
    if (!"volumeName".equals(nameField)) {
      data.put(nameField, v.name).put(prefixField, v.prefix);
      data.remove("volumeName");
      data.remove("volumePrefix");
    }
    return data;
  }
}
