package io.milvusimport.testkit;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.SQLUserDefinedType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * A user-defined type with exactly the storage layout of Spark ML's {@code VectorUDT} (type byte,
 * size int, indices array&lt;int&gt;, values array&lt;double&gt;). spark-mllib 3.5.9 is not on
 * Maven Central, so tests use this to produce ML-vector columns the connector must read.
 */
public final class MlVectorUdt extends UserDefinedType<MlVectorUdt.Vector> {
  private static final long serialVersionUID = 1L;

  /** A dense or sparse vector, as Spark ML models it. */
  @SQLUserDefinedType(udt = MlVectorUdt.class)
  public static final class Vector implements Serializable {
    private static final long serialVersionUID = 1L;
    final boolean sparse;
    final int size;
    final int[] indices;
    final double[] values;

    private Vector(boolean sparse, int size, int[] indices, double[] values) {
      this.sparse = sparse;
      this.size = size;
      this.indices = indices;
      this.values = values;
    }

    public static Vector dense(double... values) {
      return new Vector(false, values.length, null, values);
    }

    public static Vector sparse(int size, int[] indices, double[] values) {
      return new Vector(true, size, indices, values);
    }

    @Override
    public String toString() {
      return sparse
          ? "sparse("
              + size
              + ", "
              + Arrays.toString(indices)
              + ", "
              + Arrays.toString(values)
              + ")"
          : "dense" + Arrays.toString(values);
    }
  }

  @Override
  public DataType sqlType() {
    return new StructType()
        .add("type", DataTypes.ByteType, false)
        .add("size", DataTypes.IntegerType, true)
        .add("indices", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
        .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), true);
  }

  @Override
  public Object serialize(Vector v) {
    return new GenericInternalRow(
        new Object[] {
          (byte) (v.sparse ? 0 : 1),
          v.size,
          v.sparse ? UnsafeArrayData.fromPrimitiveArray(v.indices) : null,
          UnsafeArrayData.fromPrimitiveArray(v.values)
        });
  }

  @Override
  public Vector deserialize(Object datum) {
    InternalRow row = (InternalRow) datum;
    ArrayData values = row.getArray(3);
    if (row.getByte(0) == 0) {
      return Vector.sparse(row.getInt(1), row.getArray(2).toIntArray(), values.toDoubleArray());
    }
    return Vector.dense(values.toDoubleArray());
  }

  @Override
  public Class<Vector> userClass() {
    return Vector.class;
  }
}
