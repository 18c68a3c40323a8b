package io.milvusimport.schema;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Recognises Spark ML vectors ({@code org.apache.spark.ml.linalg.VectorUDT}, also the older mllib
 * one) by their storage layout, so the connector needs no spark-mllib dependency: a row of {@code
 * type: byte (0 sparse, 1 dense), size: int, indices: array<int>, values: array<double>}.
 */
public final class MlVectors {
  /** Ordinals inside the stored struct. */
  public static final int TYPE = 0;

  public static final int SIZE = 1;
  public static final int INDICES = 2;
  public static final int VALUES = 3;
  public static final byte SPARSE = 0;

  private MlVectors() {}

  static boolean isVectorUdt(DataType type) {
    if (!(type instanceof UserDefinedType)) {
      return false;
    }
    DataType stored = ((UserDefinedType<?>) type).sqlType();
    if (!(stored instanceof StructType)) {
      return false;
    }
    StructField[] fields = ((StructType) stored).fields();
    return fields.length == 4
        && fields[TYPE].dataType().equals(DataTypes.ByteType)
        && fields[SIZE].dataType().equals(DataTypes.IntegerType)
        && fields[INDICES].dataType().equals(new ArrayType(DataTypes.IntegerType, false))
        && fields[VALUES].dataType().equals(new ArrayType(DataTypes.DoubleType, false));
  }
}
