package io.milvusimport.schema;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Which Spark types each Milvus type accepts (docs/types.md mirrors this). Integer columns wider
 * than the field are accepted and range-checked per row; decimals feed Float/Double only when the
 * float type holds all their digits.
 */
final class SparkTypeMapping {
  private static final Map<MilvusType, String> ACCEPTED = new EnumMap<>(MilvusType.class);

  /** Decimal digits a float type represents exactly. */
  private static final int FLOAT_DIGITS = 7;

  private static final int DOUBLE_DIGITS = 15;

  static {
    String integers = "byte, short, int, long, decimal(p, 0)";
    ACCEPTED.put(MilvusType.BOOL, "boolean");
    ACCEPTED.put(MilvusType.INT8, integers);
    ACCEPTED.put(MilvusType.INT16, integers);
    ACCEPTED.put(MilvusType.INT32, integers);
    ACCEPTED.put(MilvusType.INT64, integers);
    ACCEPTED.put(MilvusType.FLOAT, "float, double, decimal with at most 7 digits");
    ACCEPTED.put(MilvusType.DOUBLE, "double, float, decimal with at most 15 digits");
    ACCEPTED.put(MilvusType.VARCHAR, "string");
    ACCEPTED.put(MilvusType.JSON, "string holding JSON, struct, map<string, ...>");
    ACCEPTED.put(MilvusType.ARRAY, "array of the element type");
    ACCEPTED.put(MilvusType.FLOAT_VECTOR, "array<float>, array<double>, Spark ML dense vector");
    ACCEPTED.put(MilvusType.FLOAT16_VECTOR, "array<float>, array<double>, binary of 2*dim bytes");
    ACCEPTED.put(MilvusType.BFLOAT16_VECTOR, "array<float>, array<double>, binary of 2*dim bytes");
    ACCEPTED.put(MilvusType.BINARY_VECTOR, "binary of dim/8 bytes");
    ACCEPTED.put(MilvusType.INT8_VECTOR, "array<byte>");
    ACCEPTED.put(
        MilvusType.SPARSE_FLOAT_VECTOR,
        "map<int|long, float|double>, struct<indices: array<int|long>, values:"
            + " array<float|double>>, Spark ML vector");
    ACCEPTED.put(MilvusType.TIMESTAMPTZ, "timestamp");
    ACCEPTED.put(MilvusType.GEOMETRY, "string holding WKT");
  }

  private SparkTypeMapping() {}

  /** The accepted Spark types, as a user would write them in a cast. */
  static String acceptedSparkTypes(MilvusField field) {
    if (field.type() == MilvusType.ARRAY && field.elementType() != null) {
      return "array<" + ACCEPTED.getOrDefault(field.elementType(), "?").replace(", ", "|") + ">";
    }
    return ACCEPTED.getOrDefault(field.type(), "none");
  }

  static boolean accepts(MilvusField field, DataType type) {
    ValueKind kind = ValueKind.of(type);
    switch (field.type()) {
      case BOOL:
      case INT8:
      case INT16:
      case INT32:
      case INT64:
      case FLOAT:
      case DOUBLE:
      case VARCHAR:
        return acceptsScalar(field.type(), type);
      case JSON:
        return kind == ValueKind.STRING
            || kind == ValueKind.STRUCT
            || (kind == ValueKind.MAP
                && ((MapType) type).keyType().equals(DataTypes.StringType)
                && documentValue(((MapType) type).valueType()));
      case ARRAY:
        return type instanceof ArrayType
            && field.elementType() != null
            && acceptsScalar(field.elementType(), ((ArrayType) type).elementType());
      case FLOAT_VECTOR:
        return kind == ValueKind.FLOAT_ARRAY
            || kind == ValueKind.DOUBLE_ARRAY
            || kind == ValueKind.ML_VECTOR;
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        return kind == ValueKind.FLOAT_ARRAY
            || kind == ValueKind.DOUBLE_ARRAY
            || kind == ValueKind.BINARY;
      case BINARY_VECTOR:
        return kind == ValueKind.BINARY;
      case INT8_VECTOR:
        return kind == ValueKind.BYTE_ARRAY;
      case SPARSE_FLOAT_VECTOR:
        return kind == ValueKind.ML_VECTOR || sparseMap(type) || sparseStruct(type);
      case TIMESTAMPTZ:
        return kind == ValueKind.TIMESTAMP;
      case GEOMETRY:
        return kind == ValueKind.STRING;
      default:
        return false;
    }
  }

  private static boolean acceptsScalar(MilvusType target, DataType type) {
    ValueKind kind = ValueKind.of(type);
    switch (target) {
      case BOOL:
        return kind == ValueKind.BOOLEAN;
      case INT8:
      case INT16:
      case INT32:
      case INT64:
        return kind.isInteger() || (kind == ValueKind.DECIMAL && ((DecimalType) type).scale() == 0);
      case FLOAT:
        return kind == ValueKind.FLOAT
            || kind == ValueKind.DOUBLE
            || (kind == ValueKind.DECIMAL && ((DecimalType) type).precision() <= FLOAT_DIGITS);
      case DOUBLE:
        return kind == ValueKind.FLOAT
            || kind == ValueKind.DOUBLE
            || (kind == ValueKind.DECIMAL && ((DecimalType) type).precision() <= DOUBLE_DIGITS);
      case VARCHAR:
        return kind == ValueKind.STRING;
      default:
        return false;
    }
  }

  static boolean sparseMap(DataType type) {
    if (!(type instanceof MapType)) {
      return false;
    }
    MapType map = (MapType) type;
    return integral(map.keyType()) && floating(map.valueType());
  }

  static boolean sparseStruct(DataType type) {
    if (!(type instanceof StructType)) {
      return false;
    }
    StructType struct = (StructType) type;
    if (struct.fields().length != 2
        || !struct.fieldNames()[0].equals("indices")
        || !struct.fieldNames()[1].equals("values")) {
      return false;
    }
    DataType indices = struct.fields()[0].dataType();
    DataType values = struct.fields()[1].dataType();
    return indices instanceof ArrayType
        && integral(((ArrayType) indices).elementType())
        && values instanceof ArrayType
        && floating(((ArrayType) values).elementType());
  }

  private static boolean integral(DataType type) {
    return type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType);
  }

  private static boolean floating(DataType type) {
    return type.equals(DataTypes.FloatType) || type.equals(DataTypes.DoubleType);
  }

  /**
   * True when values of the type can be written as a JSON document (for JSON fields, the dynamic
   * field and {@code $meta}): anything but binary and types no encoder reads.
   */
  static boolean documentValue(DataType type) {
    ValueKind kind = ValueKind.of(type);
    switch (kind) {
      case BINARY:
      case ML_VECTOR:
      case OTHER:
        return false;
      case ARRAY:
      case FLOAT_ARRAY:
      case DOUBLE_ARRAY:
      case BYTE_ARRAY:
        return documentValue(((ArrayType) type).elementType());
      case MAP:
        return documentValue(((MapType) type).keyType())
            && documentValue(((MapType) type).valueType());
      case STRUCT:
        return Arrays.stream(((StructType) type).fields())
            .allMatch(f -> documentValue(f.dataType()));
      default:
        return true;
    }
  }
}
