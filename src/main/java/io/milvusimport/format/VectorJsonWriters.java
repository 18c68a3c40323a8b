package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.MlVectors;
import io.milvusimport.schema.ValueKind;
import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Writers for dense vector fields: Float, Float16, BFloat16, Binary and Int8 vectors. */
final class VectorJsonWriters {
  private static final int RENDERED_ELEMENTS = 8;

  private VectorJsonWriters() {}

  static JsonValueWriter forField(MilvusField field, DataType spark) {
    ValueKind kind = ValueKind.of(spark);
    int dim = field.dim();
    switch (field.type()) {
      case FLOAT_VECTOR:
        if (kind == ValueKind.ML_VECTOR) {
          return (data, i, gen) -> writeMlVector(data.getStruct(i, 4), dim, gen);
        }
        return floats(kind == ValueKind.DOUBLE_ARRAY, dim, Float.MAX_VALUE);
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        boolean half = field.type() == MilvusType.FLOAT16_VECTOR;
        if (kind == ValueKind.BINARY) {
          return (data, i, gen) -> writeHalfBytes(data.getBinary(i), dim, half, gen);
        }
        return floats(
            kind == ValueKind.DOUBLE_ARRAY, dim, half ? HalfFloats.FLOAT16_MAX : Float.MAX_VALUE);
      case BINARY_VECTOR:
        return (data, i, gen) -> writeBinary(data.getBinary(i), dim, gen);
      case INT8_VECTOR:
        return (data, i, gen) -> writeInt8(data.getArray(i), dim, gen);
      default:
        throw new IllegalArgumentException("not a dense vector type: " + field.type());
    }
  }

  private static JsonValueWriter floats(boolean doubles, int dim, double limit) {
    DataType element = doubles ? DataTypes.DoubleType : DataTypes.FloatType;
    return (data, i, gen) -> {
      ArrayData vector = data.getArray(i);
      int n = vector.numElements();
      if (n != dim) {
        throw wrongDim(dim, n, render(vector, element));
      }
      gen.writeStartArray();
      for (int j = 0; j < n; j++) {
        if (vector.isNullAt(j)) {
          throw new ValueProblem(
              "null vector element", "element " + j + " is null", render(vector, element));
        }
        double value = doubles ? vector.getDouble(j) : vector.getFloat(j);
        if (!Double.isFinite(value) || Math.abs(value) > limit) {
          throw new ValueProblem(
              "NaN or infinity in vector",
              "element "
                  + j
                  + " is "
                  + value
                  + "; vectors must hold finite values"
                  + (limit < Float.MAX_VALUE ? " within +-" + limit : " within float32 range"),
              render(vector, element));
        }
        gen.writeNumber((float) value);
      }
      gen.writeEndArray();
    };
  }

  private static void writeMlVector(InternalRow vector, int dim, JsonGenerator gen)
      throws IOException {
    ArrayData values = vector.getArray(MlVectors.VALUES);
    boolean sparse = vector.getByte(MlVectors.TYPE) == MlVectors.SPARSE;
    int size = sparse ? vector.getInt(MlVectors.SIZE) : values.numElements();
    if (size != dim) {
      throw wrongDim(dim, size, render(values, DataTypes.DoubleType));
    }
    double[] dense = new double[dim];
    if (sparse) {
      ArrayData indices = vector.getArray(MlVectors.INDICES);
      for (int j = 0; j < indices.numElements(); j++) {
        dense[indices.getInt(j)] = values.getDouble(j);
      }
    } else {
      for (int j = 0; j < dim; j++) {
        dense[j] = values.getDouble(j);
      }
    }
    gen.writeStartArray();
    for (int j = 0; j < dim; j++) {
      if (!Double.isFinite(dense[j]) || Math.abs(dense[j]) > Float.MAX_VALUE) {
        throw new ValueProblem(
            "NaN or infinity in vector",
            "element " + j + " is " + dense[j] + "; vectors must hold finite float32 values",
            render(values, DataTypes.DoubleType));
      }
      gen.writeNumber((float) dense[j]);
    }
    gen.writeEndArray();
  }

  private static void writeHalfBytes(byte[] bytes, int dim, boolean half, JsonGenerator gen)
      throws IOException {
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
    gen.writeStartArray();
    for (int j = 0; j < dim; j++) {
      short bits = (short) ((bytes[2 * j] & 0xff) | (bytes[2 * j + 1] << 8));
      float value = half ? HalfFloats.fromFloat16(bits) : HalfFloats.fromBFloat16(bits);
      if (!Float.isFinite(value)) {
        throw new ValueProblem("NaN or infinity in vector", "element " + j + " is " + value, null);
      }
      gen.writeNumber(value);
    }
    gen.writeEndArray();
  }

  private static void writeBinary(byte[] bytes, int dim, JsonGenerator gen) throws IOException {
    if (bytes.length * 8 != dim) {
      throw new ValueProblem(
          "wrong vector dimension",
          "expected " + (dim / 8) + " bytes (dim " + dim + " bits), got " + bytes.length,
          null);
    }
    gen.writeStartArray();
    for (byte b : bytes) {
      gen.writeNumber(b & 0xff);
    }
    gen.writeEndArray();
  }

  private static void writeInt8(ArrayData vector, int dim, JsonGenerator gen) throws IOException {
    int n = vector.numElements();
    if (n != dim) {
      throw wrongDim(dim, n, render(vector, DataTypes.ByteType));
    }
    gen.writeStartArray();
    for (int j = 0; j < n; j++) {
      if (vector.isNullAt(j)) {
        throw new ValueProblem(
            "null vector element", "element " + j + " is null", render(vector, DataTypes.ByteType));
      }
      gen.writeNumber(vector.getByte(j));
    }
    gen.writeEndArray();
  }

  private static ValueProblem wrongDim(int dim, int got, String value) {
    return new ValueProblem(
        "wrong vector dimension", "expected dim " + dim + ", got " + got + " values", value);
  }

  /** The first elements of an array, for error messages. */
  static String render(SpecializedGetters array, int length, DataType element) {
    StringBuilder text = new StringBuilder("[");
    int n = Math.min(length, RENDERED_ELEMENTS);
    for (int j = 0; j < n; j++) {
      text.append(j == 0 ? "" : ", ");
      text.append(array.isNullAt(j) ? "null" : String.valueOf(array.get(j, element)));
    }
    return text.append(length > n ? ", ...]" : "]").toString();
  }

  static String render(ArrayData array, DataType element) {
    return render(array, array.numElements(), element);
  }
}
