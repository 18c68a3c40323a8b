package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/** One field of a stand-in collection schema, as {@code schemapb.FieldSchema} holds it. */
final class FieldSpec {
  /** Type names as REST v2 spells them (contract §2). */
  static final List<String> TYPES =
      Arrays.asList(
          "Bool",
          "Int8",
          "Int16",
          "Int32",
          "Int64",
          "Float",
          "Double",
          "VarChar",
          "JSON",
          "Array",
          "FloatVector",
          "BinaryVector",
          "Float16Vector",
          "BFloat16Vector",
          "SparseFloatVector",
          "Int8Vector",
          "Geometry",
          "Timestamptz");

  final String name;
  final long id;
  final String type;
  final String elementType;
  final boolean primaryKey;
  final boolean partitionKey;
  final boolean clusteringKey;
  final boolean autoId;
  final boolean nullable;
  final JsonNode defaultValue;
  boolean functionOutput;
  final Integer dim;
  final Integer maxLength;
  final Integer maxCapacity;

  FieldSpec(
      String name,
      long id,
      String type,
      String elementType,
      boolean primaryKey,
      boolean partitionKey,
      boolean clusteringKey,
      boolean autoId,
      boolean nullable,
      JsonNode defaultValue,
      Integer dim,
      Integer maxLength,
      Integer maxCapacity) {
    this.name = name;
    this.id = id;
    this.type = type;
    this.elementType = elementType;
    this.primaryKey = primaryKey;
    this.partitionKey = partitionKey;
    this.clusteringKey = clusteringKey;
    this.autoId = autoId;
    this.nullable = nullable;
    this.defaultValue = defaultValue;
    this.dim = dim;
    this.maxLength = maxLength;
    this.maxCapacity = maxCapacity;
  }

  boolean isVector() {
    return type.endsWith("Vector");
  }

  boolean hasDefault() {
    return defaultValue != null && !defaultValue.isNull();
  }

  /** Canonical type name for a create-body spelling (case-insensitive). */
  static String canonicalType(String raw) {
    if (raw == null) {
      return null;
    }
    for (String t : TYPES) {
      if (t.equalsIgnoreCase(raw)) {
        return t;
      }
    }
    if ("String".equalsIgnoreCase(raw)) {
      return "VarChar";
    }
    return null;
  }
}
