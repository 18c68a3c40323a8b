package io.milvusimport.format;

import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.ValueKind;
import java.math.BigDecimal;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Checked readers for numbers and strings, shared by every format: the JSON writers print what
 * these read, the column formats store it. Checks follow contract §5 (integer ranges, no
 * NaN/infinity, VarChar length in UTF-8 bytes).
 */
final class ScalarValueReaders {
  private ScalarValueReaders() {}

  static ColumnValueReader bool() {
    return (data, i, slot) -> slot.bool = data.getBoolean(i);
  }

  /** Integers of a Milvus integer type, from any Spark integer or decimal(p, 0) column. */
  static ColumnValueReader integer(ValueKind kind, DataType spark, MilvusType type) {
    long min = minOf(type);
    long max = maxOf(type);
    String range = "out of range for " + type + " (" + min + " to " + max + ")";
    if (kind == ValueKind.DECIMAL) {
      DecimalType decimal = (DecimalType) spark;
      return (data, i, slot) -> {
        BigDecimal exact =
            data.getDecimal(i, decimal.precision(), decimal.scale()).toJavaBigDecimal();
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0
            || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
          throw new ValueProblem("integer out of range", range, exact.toPlainString());
        }
        slot.integer = exact.longValueExact();
      };
    }
    return (data, i, slot) -> {
      long value = readInteger(kind, data, i);
      if (value < min || value > max) {
        throw new ValueProblem("integer out of range", range, Long.toString(value));
      }
      slot.integer = value;
    };
  }

  static long readInteger(ValueKind kind, SpecializedGetters data, int i) {
    switch (kind) {
      case BYTE:
        return data.getByte(i);
      case SHORT:
        return data.getShort(i);
      case INT:
        return data.getInt(i);
      default:
        return data.getLong(i);
    }
  }

  /** Float or Double fields: finite values only; Float ones must fit float32. */
  static ColumnValueReader floating(ValueKind kind, DataType spark, boolean float32) {
    return (data, i, slot) -> {
      double value;
      if (kind == ValueKind.FLOAT) {
        value = data.getFloat(i);
      } else if (kind == ValueKind.DOUBLE) {
        value = data.getDouble(i);
      } else if (kind == ValueKind.DECIMAL) {
        DecimalType decimal = (DecimalType) spark;
        value = data.getDecimal(i, decimal.precision(), decimal.scale()).toDouble();
      } else {
        value = readInteger(kind, data, i);
      }
      if (!Double.isFinite(value)) {
        throw new ValueProblem(
            "NaN or infinity", "NaN and infinity are not allowed", Double.toString(value));
      }
      if (float32 && Math.abs(value) > Float.MAX_VALUE) {
        throw new ValueProblem(
            "out of float range", "out of range for Float", Double.toString(value));
      }
      slot.real = float32 ? (float) value : value;
    };
  }

  /** VarChar: the string's UTF-8 bytes, at most {@code maxLength} of them (Milvus counts bytes). */
  static ColumnValueReader varChar(int maxLength) {
    return (data, i, slot) -> {
      UTF8String value = data.getUTF8String(i);
      checkLength(value, maxLength);
      slot.bytes(value.numBytes());
      value.writeToMemory(slot.bytes, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET);
      Utf8Check.check(slot.bytes, 0, value.numBytes(), value);
    };
  }

  static void checkLength(UTF8String value, int maxLength) {
    if (maxLength > 0 && value.numBytes() > maxLength) {
      throw new ValueProblem(
          "string over max_length",
          "string is "
              + value.numBytes()
              + " UTF-8 bytes long, over max_length "
              + maxLength
              + " (Milvus counts bytes, not characters)",
          value.toString());
    }
  }

  private static long minOf(MilvusType type) {
    switch (type) {
      case INT8:
        return Byte.MIN_VALUE;
      case INT16:
        return Short.MIN_VALUE;
      case INT32:
        return Integer.MIN_VALUE;
      default:
        return Long.MIN_VALUE;
    }
  }

  private static long maxOf(MilvusType type) {
    switch (type) {
      case INT8:
        return Byte.MAX_VALUE;
      case INT16:
        return Short.MAX_VALUE;
      case INT32:
        return Integer.MAX_VALUE;
      default:
        return Long.MAX_VALUE;
    }
  }
}
