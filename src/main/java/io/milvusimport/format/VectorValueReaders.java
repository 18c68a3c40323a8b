package io.milvusimport.format;

import io.milvusimport.schema.MlVectors;
import io.milvusimport.schema.ValueKind;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.Platform;

/**
 * Checked readers for dense vectors. Float arrays in Spark's own row format are copied into the
 * slot with one memory copy, not element by element, because a vector column is most of the bytes a
 * large import moves.
 */
final class VectorValueReaders {
  private VectorValueReaders() {}

  /**
   * FloatVector values (also Float16/BFloat16 given as floats) from float or double arrays or ML
   * vectors: {@code dim} finite values within {@code +-limit}.
   */
  static ColumnValueReader floats(ValueKind kind, int dim, double limit) {
    if (kind == ValueKind.ML_VECTOR) {
      return (data, i, slot) ->
          checkFinite(fromMlVector(data.getStruct(i, 4), dim, slot), limit, null);
    }
    boolean doubles = kind == ValueKind.DOUBLE_ARRAY;
    DataType element = doubles ? DataTypes.DoubleType : DataTypes.FloatType;
    return (data, i, slot) -> {
      ArrayData vector = data.getArray(i);
      int n = vector.numElements();
      if (n != dim) {
        throw wrongDim(dim, n, VectorJsonWriters.render(vector, element));
      }
      float[] values = slot.floats(dim);
      if (!doubles && vector instanceof UnsafeArrayData) {
        UnsafeArrayData unsafe = (UnsafeArrayData) vector;
        checkNoNulls(unsafe, element);
        copyElements(unsafe, values, Platform.FLOAT_ARRAY_OFFSET);
      } else {
        for (int j = 0; j < n; j++) {
          if (vector.isNullAt(j)) {
            throw nullElement(j, vector, element);
          }
          double value = doubles ? vector.getDouble(j) : vector.getFloat(j);
          if (doubles && !(Math.abs(value) <= limit)) {
            throw notFinite(j, value, limit, vector, element);
          }
          values[j] = (float) value;
        }
      }
      checkFinite(values, limit, vector);
    };
  }

  /**
   * FloatVector values for the NPY writer, which copies them into its buffer from the slot's view
   * ({@link ColumnSlot#vectorBase}, {@link ColumnSlot#vectorOffset}): {@code dim} float32 values in
   * the platform's order. A float array in Spark's row format ({@link UnsafeArrayData}) is checked
   * where it lies, on its bits ({@link FiniteFloats}), before the row is accepted, and viewed
   * there: the writer's copy into its buffer is the only one, no array is filled and nothing is
   * allocated per row. The view is valid while the row is the current one, which is as long as the
   * writer needs it (it appends the row before asking for the next). Other inputs (double arrays,
   * ML vectors, generic arrays) are read into {@link ColumnSlot#floats} as for the other formats
   * and viewed there.
   *
   * <p>{@link UnsafeArrayData#getBaseObject}/{@code getBaseOffset} and {@link Platform} are public
   * API (Spark calls its {@code unsafe} package unstable, but every Spark line since 2.x has these
   * members, the raw-copy path has used them since the connector's first version, and {@code
   * ArrayData.toFloatArray} would allocate an array per row).
   */
  static ColumnValueReader floatViews(ValueKind kind, int dim) {
    ColumnValueReader copying = floats(kind, dim, Float.MAX_VALUE);
    if (kind != ValueKind.FLOAT_ARRAY) {
      return viewOfFloats(copying);
    }
    return (data, i, slot) -> {
      ArrayData vector = data.getArray(i);
      if (!(vector instanceof UnsafeArrayData)) {
        copying.read(data, i, slot);
        slot.vectorView(slot.floats, Platform.FLOAT_ARRAY_OFFSET);
        return;
      }
      UnsafeArrayData unsafe = (UnsafeArrayData) vector;
      int n = unsafe.numElements();
      if (n != dim) {
        throw wrongDim(dim, n, VectorJsonWriters.render(vector, DataTypes.FloatType));
      }
      checkNoNulls(unsafe, DataTypes.FloatType);
      Object base = unsafe.getBaseObject();
      long values = unsafe.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(n);
      if (!FiniteFloats.all(base, values, n)) {
        for (int j = 0; j < n; j++) {
          float value = Platform.getFloat(base, values + 4L * j);
          if (!Float.isFinite(value)) {
            throw notFinite(j, value, Float.MAX_VALUE, vector, DataTypes.FloatType);
          }
        }
      }
      slot.vectorView(base, values);
    };
  }

  private static ColumnValueReader viewOfFloats(ColumnValueReader copying) {
    return (data, i, slot) -> {
      copying.read(data, i, slot);
      slot.vectorView(slot.floats, Platform.FLOAT_ARRAY_OFFSET);
    };
  }

  /** Float16/BFloat16 as the 2·dim little-endian bytes column formats store. */
  static ColumnValueReader halfBytes(ValueKind kind, int dim, boolean float16) {
    if (kind == ValueKind.BINARY) {
      return (data, i, slot) -> {
        byte[] bytes = data.getBinary(i);
        if (bytes.length != 2 * dim) {
          throw new ValueProblem(
              "wrong vector dimension",
              "expected "
                  + (2 * dim)
                  + " bytes (2 per dimension, dim "
                  + dim
                  + "), got "
                  + bytes.length,
              null);
        }
        for (int j = 0; j < dim; j++) {
          short bits = (short) ((bytes[2 * j] & 0xff) | (bytes[2 * j + 1] << 8));
          float value = float16 ? HalfFloats.fromFloat16(bits) : HalfFloats.fromBFloat16(bits);
          if (!Float.isFinite(value)) {
            throw new ValueProblem(
                "NaN or infinity in vector", "element " + j + " is " + value, null);
          }
        }
        slot.copyText(bytes, 0, bytes.length);
      };
    }
    ColumnValueReader floats =
        floats(kind, dim, float16 ? HalfFloats.FLOAT16_MAX : Float.MAX_VALUE);
    return (data, i, slot) -> {
      floats.read(data, i, slot);
      HalfFloats.toLittleEndian(slot.floats, dim, float16, slot.bytes(2 * dim));
    };
  }

  /** BinaryVector: dim/8 bytes, one bit per dimension. */
  static ColumnValueReader binary(int dim) {
    return (data, i, slot) -> {
      byte[] bytes = data.getBinary(i);
      if (bytes.length * 8 != dim) {
        throw new ValueProblem(
            "wrong vector dimension",
            "expected " + (dim / 8) + " bytes (dim " + dim + " bits), got " + bytes.length,
            null);
      }
      slot.copyText(bytes, 0, bytes.length);
    };
  }

  /** Int8Vector: dim signed bytes from an array of bytes. */
  static ColumnValueReader int8(int dim) {
    return (data, i, slot) -> {
      ArrayData vector = data.getArray(i);
      int n = vector.numElements();
      if (n != dim) {
        throw wrongDim(dim, n, VectorJsonWriters.render(vector, DataTypes.ByteType));
      }
      byte[] out = slot.bytes(dim);
      for (int j = 0; j < n; j++) {
        if (vector.isNullAt(j)) {
          throw nullElement(j, vector, DataTypes.ByteType);
        }
        out[j] = vector.getByte(j);
      }
    };
  }

  private static float[] fromMlVector(InternalRow vector, int dim, ColumnSlot slot) {
    ArrayData values = vector.getArray(MlVectors.VALUES);
    boolean sparse = vector.getByte(MlVectors.TYPE) == MlVectors.SPARSE;
    int size = sparse ? vector.getInt(MlVectors.SIZE) : values.numElements();
    if (size != dim) {
      throw wrongDim(dim, size, VectorJsonWriters.render(values, DataTypes.DoubleType));
    }
    float[] dense = slot.floats(dim);
    if (sparse) {
      java.util.Arrays.fill(dense, 0f);
      ArrayData indices = vector.getArray(MlVectors.INDICES);
      for (int j = 0; j < indices.numElements(); j++) {
        dense[indices.getInt(j)] = checkedFloat(values.getDouble(j), indices.getInt(j));
      }
    } else {
      for (int j = 0; j < dim; j++) {
        dense[j] = checkedFloat(values.getDouble(j), j);
      }
    }
    return dense;
  }

  private static float checkedFloat(double value, int j) {
    if (!(Math.abs(value) <= Float.MAX_VALUE)) {
      throw new ValueProblem(
          "NaN or infinity in vector",
          "element " + j + " is " + value + "; vectors must hold finite float32 values",
          null);
    }
    return (float) value;
  }

  /** One memory copy of a float array's elements out of Spark's row format. */
  private static void copyElements(UnsafeArrayData array, Object target, long targetOffset) {
    int n = array.numElements();
    Platform.copyMemory(
        array.getBaseObject(),
        array.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(n),
        target,
        targetOffset,
        4L * n);
  }

  private static void checkNoNulls(UnsafeArrayData array, DataType element) {
    int words = (array.numElements() + 63) / 64;
    long offset = array.getBaseOffset() + 8;
    for (int w = 0; w < words; w++) {
      if (Platform.getLong(array.getBaseObject(), offset + 8L * w) != 0) {
        for (int j = 64 * w; j < array.numElements(); j++) {
          if (array.isNullAt(j)) {
            throw nullElement(j, array, element);
          }
        }
      }
    }
  }

  private static void checkFinite(float[] values, double limit, ArrayData source) {
    // No branch per element (NaN fails the comparison too); the loop that names the bad element
    // runs only when the vector has one. Measured at about half the cost of a max-reduction over
    // the raw bits for 768-d vectors.
    float bound = (float) limit;
    boolean finite = true;
    for (float value : values) {
      finite &= Math.abs(value) <= bound;
    }
    if (finite) {
      return;
    }
    for (int j = 0; j < values.length; j++) {
      float value = values[j];
      if (!(Math.abs(value) <= limit)) {
        throw notFinite(j, value, limit, source, DataTypes.FloatType);
      }
    }
  }

  private static ValueProblem notFinite(
      int j, double value, double limit, ArrayData source, DataType element) {
    return new ValueProblem(
        "NaN or infinity in vector",
        "element "
            + j
            + " is "
            + value
            + "; vectors must hold finite values"
            + (limit < Float.MAX_VALUE ? " within +-" + limit : " within float32 range"),
        source == null ? null : VectorJsonWriters.render(source, element));
  }

  private static ValueProblem nullElement(int j, ArrayData vector, DataType element) {
    return new ValueProblem(
        "null vector element",
        "element " + j + " is null",
        VectorJsonWriters.render(vector, element));
  }

  static ValueProblem wrongDim(int dim, int got, String value) {
    return new ValueProblem(
        "wrong vector dimension", "expected dim " + dim + ", got " + got + " values", value);
  }
}
