package io.milvusimport.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The write options the plan depends on, already parsed for syntax. */
public final class PlanSettings {
  private final String partition;
  private final boolean partitionExists;
  private final Map<String, String> columnMapping;
  private final Map<String, JsonNode> defaultValues;

  /**
   * @param partition the partition option, or null
   * @param partitionExists whether that partition exists (ignored without one)
   * @param columnMapping DataFrame column to Milvus field name
   * @param defaultValues field name to the constant filling it
   */
  public PlanSettings(
      String partition,
      boolean partitionExists,
      Map<String, String> columnMapping,
      Map<String, JsonNode> defaultValues) {
    this.partition = partition;
    this.partitionExists = partitionExists;
    this.columnMapping = Map.copyOf(columnMapping);
    this.defaultValues = Map.copyOf(defaultValues);
  }

  /** Settings with no partition, mapping or defaults. */
  public static PlanSettings none() {
    return new PlanSettings(null, true, Map.of(), Map.of());
  }

  String partition() {
    return partition;
  }

  boolean partitionExists() {
    return partitionExists;
  }

  Map<String, String> columnMapping() {
    return columnMapping;
  }

  Map<String, JsonNode> defaultValues() {
    return defaultValues;
  }
}
