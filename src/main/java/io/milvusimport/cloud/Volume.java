package io.milvusimport.cloud;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Zilliz Cloud volume (or stage) as the control plane lists or describes it: a plain immutable
 * value, so Java, Scala and PySpark read it alike and a DataFrame listing maps it one field per
 * column. Stage-era listings carry the name only; the other fields are empty then.
 */
public final class Volume {
  /** The default type: files uploaded into Zilliz's own storage. */
  public static final String MANAGED = "MANAGED";

  /** Points at the user's own bucket; takes no uploads. */
  public static final String EXTERNAL = "EXTERNAL";

  private final String name;
  private final String type;
  private final String regionId;
  private final String storageIntegrationId;
  private final String path;
  private final String status;
  private final String createTime;

  Volume(
      String name,
      String type,
      String regionId,
      String storageIntegrationId,
      String path,
      String status,
      String createTime) {
    this.name = name;
    this.type = type;
    this.regionId = regionId;
    this.storageIntegrationId = storageIntegrationId;
    this.path = path;
    this.status = status;
    this.createTime = createTime;
  }

  static Volume fromJson(JsonNode node, CloudApi api) {
    return new Volume(
        node.path(api.nameField()).asText(""),
        node.path("type").asText(""),
        node.path("regionId").asText(""),
        node.path("storageIntegrationId").asText(""),
        node.path("path").asText(""),
        node.path("status").asText(""),
        node.path("createTime").asText(""));
  }

  public String name() {
    return name;
  }

  /** {@link #MANAGED} or {@link #EXTERNAL}; empty for a stage. */
  public String type() {
    return type;
  }

  public String regionId() {
    return regionId;
  }

  /** The storage integration of an EXTERNAL volume, else empty. */
  public String storageIntegrationId() {
    return storageIntegrationId;
  }

  /** The folder of an EXTERNAL volume in the user's bucket, else empty. */
  public String path() {
    return path;
  }

  /** RUNNING, FROZEN, ... as the control plane says; empty for a stage. */
  public String status() {
    return status;
  }

  /** As the control plane wrote it (its format is not documented). */
  public String createTime() {
    return createTime;
  }

  public boolean external() {
    return EXTERNAL.equalsIgnoreCase(type);
  }

  @Override
  public String toString() {
    return "Volume{"
        + name
        + (type.isEmpty() ? "" : ", " + type)
        + (regionId.isEmpty() ? "" : ", region " + regionId)
        + (status.isEmpty() ? "" : ", " + status)
        + (path.isEmpty() ? "" : ", path " + path)
        + "}";
  }
}
