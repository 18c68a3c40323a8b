package io.milvusimport.cloud;

/**
 * Which generation of Zilliz Cloud's file-holding API an organisation speaks: volumes (late 2025
 * on), or the stages they replaced ({@code /v2/stages/*}, {@code stageName}, no describe).
 */
public enum CloudApi {
  VOLUMES("volumes", "volumeName", "volumePrefix", "volumes"),
  STAGES("stages", "stageName", "stagePrefix", "stages");

  private final String pathSegment;
  private final String nameField;
  private final String prefixField;
  private final String listField;

  CloudApi(String pathSegment, String nameField, String prefixField, String listField) {
    this.pathSegment = pathSegment;
    this.nameField = nameField;
    this.prefixField = prefixField;
    this.listField = listField;
  }

  /** {@code /v2/volumes} or {@code /v2/stages}. */
  public String basePath() {
    return "/v2/" + pathSegment;
  }

  /** {@code volumeName} or {@code stageName}, in requests and answers. */
  public String nameField() {
    return nameField;
  }

  /** {@code volumePrefix} or {@code stagePrefix} in an {@code apply} answer. */
  public String prefixField() {
    return prefixField;
  }

  /** The list answer's array: {@code volumes} or {@code stages}. */
  public String listField() {
    return listField;
  }

  /** "volume" or "stage", for messages. */
  public String noun() {
    return this == VOLUMES ? "volume" : "stage";
  }

  public boolean stageEra() {
    return this == STAGES;
  }
}
