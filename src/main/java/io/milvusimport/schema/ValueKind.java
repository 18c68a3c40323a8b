package io.milvusimport.schema;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The shape of a Spark column's values as the encoders read them from an {@code InternalRow}.
 * Resolved once at plan time so executors never inspect Spark types per row.
 */
public enum ValueKind {
  BOOLEAN,
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  STRING,
  FLOAT_ARRAY,
  DOUBLE_ARRAY;

  /** The kind for a Spark type, or null when no encoder reads it. */
  static ValueKind of(DataType type) {
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
    } else if (type.equals(DataTypes.StringType)) {
      return STRING;
    } else if (type instanceof ArrayType) {
      DataType element = ((ArrayType) type).elementType();
      if (element.equals(DataTypes.FloatType)) {
        return FLOAT_ARRAY;
      } else if (element.equals(DataTypes.DoubleType)) {
        return DOUBLE_ARRAY;
      }
    }
    return null;
  }

  boolean isInteger() {
    return this == BYTE || this == SHORT || this == INT || this == LONG;
  }
}
