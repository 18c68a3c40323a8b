package io.milvusimport.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;

/** One Milvus field from one Spark column: docs/types.md read backwards, plus the settings. */
final class FieldDesigner {
  static final int MAX_VARCHAR_LENGTH = 65_535;
  static final int MAX_ARRAY_CAPACITY = 4_096;
  static final int MAX_DIM = 32_768;

  private final DesignSettings settings;
  private final List<String> problems;
  private final Map<String, String> fieldTypes;

  FieldDesigner(DesignSettings settings, List<String> problems) {
    this.settings = settings;
    this.problems = problems;
    this.fieldTypes = settings.pairs(DesignKeys.FIELD_TYPES);
  }

  static boolean isVector(MilvusType type) {
    return type.toString().endsWith("Vector");
  }

  /** The field for {@code column}, or null after adding a problem. */
  MilvusField field(StructField column, boolean primary, boolean partitionKey, boolean nullable) {
    DataType type = column.dataType();
    String name = column.name();
    MilvusType target = target(column);
    if (target == null) {
      return null;
    }
    MilvusField.Builder builder =
        MilvusField.builder(name, target.toString())
            .primaryKey(primary)
            .partitionKey(partitionKey)
            .nullable(nullable);
    MilvusType element = null;
    if (target == MilvusType.ARRAY) {
      element = type instanceof ArrayType ? scalar(((ArrayType) type).elementType(), null) : null;
      if (element == null) {
        problems.add(
            "column '"
                + name
                + "' ("
                + type.simpleString()
                + "): an Array field takes an array of bool, integers, float, double or string");
        return null;
      }
      builder.elementType(element.toString());
      builder.maxCapacity(
          required(DesignKeys.MAX_CAPACITY, name, "Array max_capacity", MAX_ARRAY_CAPACITY));
    }
    if (target == MilvusType.VARCHAR || element == MilvusType.VARCHAR) {
      builder.maxLength(
          required(
              DesignKeys.MAX_LENGTH, name, "VarChar max_length (UTF-8 bytes)", MAX_VARCHAR_LENGTH));
    }
    if (isVector(target) && target != MilvusType.SPARSE_FLOAT_VECTOR) {
      int dim = settings.number(DesignKeys.VECTOR_DIMS, name, 1, MAX_DIM);
      if (dim == 0) {
        dim = mlVectorSize(column.metadata());
      }
      if (dim == 0) {
        problems.add(
            "vector column '"
                + name
                + "' needs its dimension: option '"
                + DesignKeys.VECTOR_DIMS
                + "' = '"
                + name
                + ":<dim>'"
                + (target == MilvusType.BINARY_VECTOR ? " (in bits: 8 x the bytes per row)" : ""));
      }
      builder.dim(dim);
    }
    if (primary && target != MilvusType.INT64 && target != MilvusType.VARCHAR) {
      problems.add(
          "primary key '" + name + "' is " + target + ": Milvus takes Int64 or VarChar keys");
    }
    if (partitionKey && target != MilvusType.INT64 && target != MilvusType.VARCHAR) {
      problems.add(
          "partition key '" + name + "' is " + target + ": Milvus takes Int64 or VarChar keys");
    }
    MilvusField field = builder.build();
    if (!SparkTypeMapping.accepts(field, type)) {
      problems.add(
          "column '"
              + name
              + "' ("
              + type.simpleString()
              + ") cannot be written to a "
              + target
              + " field; it takes "
              + SparkTypeMapping.acceptedSparkTypes(field));
      return null;
    }
    return field;
  }

  private MilvusType target(StructField column) {
    String chosen = fieldTypes.get(column.name());
    if (chosen != null) {
      MilvusType type = MilvusType.fromRestName(chosen);
      if (type == null) {
        problems.add(
            "option '"
                + DesignKeys.FIELD_TYPES
                + "' gives column '"
                + column.name()
                + "' the unknown Milvus type '"
                + chosen
                + "'");
      }
      return type;
    }
    DataType type = column.dataType();
    ValueKind kind = ValueKind.of(type);
    switch (kind) {
      case BINARY:
        return MilvusType.BINARY_VECTOR;
      case TIMESTAMP:
        return MilvusType.TIMESTAMPTZ;
      case FLOAT_ARRAY:
      case DOUBLE_ARRAY:
      case ML_VECTOR:
        return MilvusType.FLOAT_VECTOR;
      case BYTE_ARRAY:
        return settings.pairs(DesignKeys.VECTOR_DIMS).containsKey(column.name())
            ? MilvusType.INT8_VECTOR
            : MilvusType.ARRAY;
      case ARRAY:
        return MilvusType.ARRAY;
      case MAP:
      case STRUCT:
        return SparkTypeMapping.sparseMap(type) || SparkTypeMapping.sparseStruct(type)
            ? MilvusType.SPARSE_FLOAT_VECTOR
            : MilvusType.JSON;
      default:
        MilvusType scalar = scalar(type, column.name());
        return scalar;
    }
  }

  /** Scalar types; adds a problem and returns null for others when {@code column} is given. */
  private MilvusType scalar(DataType type, String column) {
    switch (ValueKind.of(type)) {
      case BOOLEAN:
        return MilvusType.BOOL;
      case BYTE:
        return MilvusType.INT8;
      case SHORT:
        return MilvusType.INT16;
      case INT:
        return MilvusType.INT32;
      case LONG:
        return MilvusType.INT64;
      case FLOAT:
        return MilvusType.FLOAT;
      case DOUBLE:
        return MilvusType.DOUBLE;
      case DECIMAL:
        return ((DecimalType) type).scale() == 0 ? MilvusType.INT64 : MilvusType.DOUBLE;
      case STRING:
        return MilvusType.VARCHAR;
      default:
        if (column != null) {
          problems.add(
              "column '"
                  + column
                  + "' ("
                  + type.simpleString()
                  + ") has no Milvus type: cast it (a date to string or timestamp, ...) or drop it");
        }
        return null;
    }
  }

  private int required(String key, String column, String what, int max) {
    int n = settings.number(key, column, 1, max);
    if (n == 0
        && !settings.pairs(key).containsKey(column)
        && !settings.pairs(key).containsKey("*")) {
      problems.add(
          "column '"
              + column
              + "' needs its "
              + what
              + ": option '"
              + key
              + "' = '"
              + column
              + ":<n>' (or '*:<n>' for every such column, at most "
              + max
              + ")");
    }
    return n;
  }

  /** The size Spark ML records for a vector column ({@code ml_attr.num_attrs}), else 0. */
  static int mlVectorSize(Metadata metadata) {
    if (metadata != null && metadata.contains("ml_attr")) {
      Metadata attr = metadata.getMetadata("ml_attr");
      if (attr.contains("num_attrs")) {
        return (int) attr.getLong("num_attrs");
      }
    }
    return 0;
  }

  /** A field of {@code /collections/create}'s schema (contract §2: isPrimary, not primaryKey). */
  static ObjectNode toJson(MilvusField field) {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("fieldName", field.name());
    f.put("dataType", field.typeName());
    if (field.primaryKey()) {
      f.put("isPrimary", true);
    }
    if (field.partitionKey()) {
      f.put("isPartitionKey", true);
    }
    if (field.nullable()) {
      f.put("nullable", true);
    }
    if (field.elementType() != null) {
      f.put("elementDataType", field.elementType().toString());
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    if (field.dim() > 0) {
      params.put("dim", Integer.toString(field.dim()));
    }
    if (field.maxLength() > 0) {
      params.put("max_length", Integer.toString(field.maxLength()));
    }
    if (field.maxCapacity() > 0) {
      params.put("max_capacity", Integer.toString(field.maxCapacity()));
    }
    if (params.size() > 0) {
      f.set("elementTypeParams", params);
    }
    return f;
  }
}
