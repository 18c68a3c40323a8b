package io.milvusimport.format;

import io.milvusimport.schema.MlVectors;
import io.milvusimport.schema.ValueKind;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * SparseFloatVector fields, written as {@code {"indices": [...], "values": [...]}} sorted by index.
 * Milvus requires indices in {@code [0, 2^32-1)}, no duplicates, and non-negative finite values.
 */
final class SparseJsonWriter {
  private static final long MAX_INDEX = (1L << 32) - 1;

  private SparseJsonWriter() {}

  static JsonValueWriter forType(DataType spark) {
    if (ValueKind.of(spark) == ValueKind.ML_VECTOR) {
      return (data, i, gen) -> write(fromMlVector(data.getStruct(i, 4)), gen);
    }
    if (spark instanceof MapType) {
      MapType map = (MapType) spark;
      return (data, i, gen) -> {
        MapData entries = data.getMap(i);
        write(
            entries(entries.keyArray(), map.keyType(), entries.valueArray(), map.valueType()), gen);
      };
    }
    StructType struct = (StructType) spark;
    DataType indexType = ((ArrayType) struct.fields()[0].dataType()).elementType();
    DataType valueType = ((ArrayType) struct.fields()[1].dataType()).elementType();
    return (data, i, gen) -> {
      InternalRow row = data.getStruct(i, 2);
      if (row.isNullAt(0) || row.isNullAt(1)) {
        throw new ValueProblem("bad sparse entry", "indices or values is null", null);
      }
      write(entries(row.getArray(0), indexType, row.getArray(1), valueType), gen);
    };
  }

  private static double[][] fromMlVector(InternalRow vector) {
    ArrayData values = vector.getArray(MlVectors.VALUES);
    if (vector.getByte(MlVectors.TYPE) == MlVectors.SPARSE) {
      return entries(
          vector.getArray(MlVectors.INDICES), DataTypes.IntegerType, values, DataTypes.DoubleType);
    }
    int nonZero = 0;
    for (int j = 0; j < values.numElements(); j++) {
      nonZero += values.getDouble(j) != 0 ? 1 : 0;
    }
    double[][] result = {new double[nonZero], new double[nonZero]};
    for (int j = 0, k = 0; j < values.numElements(); j++) {
      if (values.getDouble(j) != 0) {
        result[0][k] = j;
        result[1][k++] = values.getDouble(j);
      }
    }
    return result;
  }

  /** Reads and checks entries; returns {indices, values} sorted by index. */
  private static double[][] entries(
      ArrayData indices, DataType indexType, ArrayData values, DataType valueType) {
    int n = indices.numElements();
    if (values.numElements() != n) {
      throw new ValueProblem(
          "bad sparse entry", n + " indices but " + values.numElements() + " values", null);
    }
    long[][] pairs = new long[n][];
    double[] read = new double[n];
    for (int j = 0; j < n; j++) {
      if (indices.isNullAt(j) || values.isNullAt(j)) {
        throw new ValueProblem("bad sparse entry", "entry " + j + " is null", null);
      }
      long index = indexType.equals(DataTypes.LongType) ? indices.getLong(j) : indices.getInt(j);
      double value =
          valueType.equals(DataTypes.DoubleType) ? values.getDouble(j) : values.getFloat(j);
      if (index < 0 || index >= MAX_INDEX) {
        throw new ValueProblem(
            "bad sparse entry", "index " + index + " is outside [0, 4294967295)", null);
      }
      if (!Double.isFinite(value) || value < 0 || value > Float.MAX_VALUE) {
        throw new ValueProblem(
            "bad sparse entry",
            "value " + value + " at index " + index + " is not a finite non-negative float32",
            null);
      }
      pairs[j] = new long[] {index, j};
      read[j] = value;
    }
    Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
    double[][] result = {new double[n], new double[n]};
    for (int j = 0; j < n; j++) {
      if (j > 0 && pairs[j][0] == pairs[j - 1][0]) {
        throw new ValueProblem("bad sparse entry", "index " + pairs[j][0] + " repeats", null);
      }
      result[0][j] = pairs[j][0];
      result[1][j] = read[(int) pairs[j][1]];
    }
    return result;
  }

  private static void write(double[][] entries, com.fasterxml.jackson.core.JsonGenerator gen)
      throws java.io.IOException {
    gen.writeStartObject();
    gen.writeArrayFieldStart("indices");
    for (double index : entries[0]) {
      gen.writeNumber((long) index);
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("values");
    for (double value : entries[1]) {
      gen.writeNumber((float) value);
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }
}
