package io.milvusimport.schema;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * The shape of a Spark column's values as the encoders read them from an {@code InternalRow}.
 * Resolved once at plan time so executors never inspect Spark types per row.
 */
public enum ValueKind {
  BOOLEAN("boolean"),
  BYTE("byte"),
  SHORT("short"),
  INT("int"),
  LONG("long"),
  FLOAT("float"),
  DOUBLE("double"),
  DECIMAL("decimal"),
  STRING("string"),
  BINARY("binary"),
  DATE("date"),
  TIMESTAMP("timestamp"),
  FLOAT_ARRAY("array<float>"),
  DOUBLE_ARRAY("array<double>"),
  BYTE_ARRAY("array<byte>"),
  ARRAY("array"),
  MAP("map"),
  STRUCT("struct"),
  /** Spark ML's {@code VectorUDT}, dense or sparse. */
  ML_VECTOR("Spark ML vector"),
  OTHER("other");

  private final String sparkName;

  ValueKind(String sparkName) {
    this.sparkName = sparkName;
  }

  /** The Spark type name users write in casts. */
  public String sparkName() {
    return sparkName;
  }

  /** The kind of a Spark type; {@link #OTHER} when no encoder reads it. */
  public static ValueKind of(DataType type) {
    if (type.equals(DataTypes.BooleanType)) {
      return BOOLEAN;
    } else if (type.equals(DataTypes.ByteType)) {
      return BYTE;
    } else if (type.equals(DataTypes.ShortType)) {
      return SHORT;
    } else if (type.equals(DataTypes.IntegerType)) {
      return INT;
    } else if (type.equals(DataTypes.LongType)) {
      return LONG;
    } else if (type.equals(DataTypes.FloatType)) {
      return FLOAT;
    } else if (type.equals(DataTypes.DoubleType)) {
      return DOUBLE;
    } else if (type instanceof DecimalType) {
      return DECIMAL;
    } else if (type.equals(DataTypes.StringType)) {
      return STRING;
    } else if (type.equals(DataTypes.BinaryType)) {
      return BINARY;
    } else if (type.equals(DataTypes.DateType)) {
      return DATE;
    } else if (type.equals(DataTypes.TimestampType)) {
      return TIMESTAMP;
    } else if (type instanceof ArrayType) {
      DataType element = ((ArrayType) type).elementType();
      if (element.equals(DataTypes.FloatType)) {
        return FLOAT_ARRAY;
      } else if (element.equals(DataTypes.DoubleType)) {
        return DOUBLE_ARRAY;
      } else if (element.equals(DataTypes.ByteType)) {
        return BYTE_ARRAY;
      }
      return ARRAY;
    } else if (type instanceof MapType) {
      return MAP;
    } else if (type instanceof StructType) {
      return STRUCT;
    } else if (type instanceof UserDefinedType && MlVectors.isVectorUdt(type)) {
      return ML_VECTOR;
    }
    return OTHER;
  }

  boolean isInteger() {
    return this == BYTE || this == SHORT || this == INT || this == LONG;
  }
}
