package io.milvusimport.schema;

import static io.milvusimport.schema.ValueKind.BOOLEAN;
import static io.milvusimport.schema.ValueKind.BYTE;
import static io.milvusimport.schema.ValueKind.DOUBLE;
import static io.milvusimport.schema.ValueKind.DOUBLE_ARRAY;
import static io.milvusimport.schema.ValueKind.FLOAT;
import static io.milvusimport.schema.ValueKind.FLOAT_ARRAY;
import static io.milvusimport.schema.ValueKind.INT;
import static io.milvusimport.schema.ValueKind.LONG;
import static io.milvusimport.schema.ValueKind.SHORT;
import static io.milvusimport.schema.ValueKind.STRING;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which Spark types each Milvus type accepts. Integer columns wider than the field are accepted and
 * range-checked per row, so a {@code long} DataFrame column can feed an {@code Int32} field.
 */
final class SparkTypeMapping {
  private static final Map<MilvusType, List<ValueKind>> ACCEPTED = new EnumMap<>(MilvusType.class);
  private static final Map<ValueKind, String> SPARK_NAMES = new EnumMap<>(ValueKind.class);

  static {
    List<ValueKind> integers = List.of(BYTE, SHORT, INT, LONG);
    ACCEPTED.put(MilvusType.BOOL, List.of(BOOLEAN));
    ACCEPTED.put(MilvusType.INT8, integers);
    ACCEPTED.put(MilvusType.INT16, integers);
    ACCEPTED.put(MilvusType.INT32, integers);
    ACCEPTED.put(MilvusType.INT64, integers);
    ACCEPTED.put(MilvusType.FLOAT, List.of(FLOAT, DOUBLE));
    ACCEPTED.put(MilvusType.DOUBLE, List.of(DOUBLE, FLOAT));
    ACCEPTED.put(MilvusType.VARCHAR, List.of(STRING));
    ACCEPTED.put(MilvusType.FLOAT_VECTOR, List.of(FLOAT_ARRAY, DOUBLE_ARRAY));

    SPARK_NAMES.put(BOOLEAN, "boolean");
    SPARK_NAMES.put(BYTE, "byte");
    SPARK_NAMES.put(SHORT, "short");
    SPARK_NAMES.put(INT, "int");
    SPARK_NAMES.put(LONG, "long");
    SPARK_NAMES.put(FLOAT, "float");
    SPARK_NAMES.put(DOUBLE, "double");
    SPARK_NAMES.put(STRING, "string");
    SPARK_NAMES.put(FLOAT_ARRAY, "array<float>");
    SPARK_NAMES.put(DOUBLE_ARRAY, "array<double>");
  }

  private SparkTypeMapping() {}

  /** True when this connector can write values of the Milvus type. */
  static boolean supported(MilvusType type) {
    return ACCEPTED.containsKey(type);
  }

  static boolean accepts(MilvusType type, ValueKind kind) {
    return kind != null && ACCEPTED.getOrDefault(type, List.of()).contains(kind);
  }

  /** The accepted Spark types, as a user would write them in a cast. */
  static String acceptedSparkTypes(MilvusType type) {
    StringBuilder text = new StringBuilder();
    for (ValueKind kind : ACCEPTED.getOrDefault(type, List.of())) {
      text.append(text.length() == 0 ? "" : ", ").append(SPARK_NAMES.get(kind));
    }
    return text.toString();
  }

  /** Kinds a dynamic-field key can hold as a plain JSON value. */
  static boolean dynamicValue(ValueKind kind) {
    return kind != null;
  }
}
