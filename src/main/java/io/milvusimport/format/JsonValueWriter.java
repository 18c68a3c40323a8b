package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.RowChecks;
import io.milvusimport.schema.ValueKind;
import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Writes one column's value as a JSON key and value, checking it first against what Milvus's JSON
 * reader accepts (contract §5), so a bad row fails the task, not the import.
 */
final class JsonValueWriter {
  private final ColumnBinding binding;
  private final MilvusField field;
  private final MilvusType type;
  private final ValueKind kind;
  private final int ordinal;
  private final int partition;

  JsonValueWriter(ColumnBinding binding, int partition) {
    this.binding = binding;
    this.field = binding.field();
    this.type = field == null ? null : field.type();
    this.kind = binding.kind();
    this.ordinal = binding.ordinal();
    this.partition = partition;
  }

  void write(InternalRow row, long rowIndex, JsonGenerator gen) throws IOException {
    if (row.isNullAt(ordinal)) {
      if (field == null) {
        return;
      }
      if (!field.nullable() && !field.hasDefault()) {
        throw RowChecks.invalid(
            binding,
            "null is not allowed: the field is not nullable and has no default value",
            null,
            partition,
            rowIndex);
      }
      gen.writeFieldName(binding.key());
      gen.writeNull();
      return;
    }
    gen.writeFieldName(binding.key());
    if (type == MilvusType.FLOAT_VECTOR) {
      writeFloatVector(row.getArray(ordinal), rowIndex, gen);
      return;
    }
    switch (kind) {
      case BOOLEAN:
        gen.writeBoolean(row.getBoolean(ordinal));
        break;
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        gen.writeNumber(checkedInteger(row, rowIndex));
        break;
      case FLOAT:
        writeFloating(row.getFloat(ordinal), rowIndex, gen);
        break;
      case DOUBLE:
        writeFloating(row.getDouble(ordinal), rowIndex, gen);
        break;
      case STRING:
        writeString(row.getUTF8String(ordinal), rowIndex, gen);
        break;
      default:
        throw new IllegalStateException("no JSON encoding for " + kind + " in " + binding.key());
    }
  }

  private long checkedInteger(InternalRow row, long rowIndex) {
    long value;
    switch (kind) {
      case BYTE:
        value = row.getByte(ordinal);
        break;
      case SHORT:
        value = row.getShort(ordinal);
        break;
      case INT:
        value = row.getInt(ordinal);
        break;
      default:
        value = row.getLong(ordinal);
    }
    long min;
    long max;
    if (type == MilvusType.INT8) {
      min = Byte.MIN_VALUE;
      max = Byte.MAX_VALUE;
    } else if (type == MilvusType.INT16) {
      min = Short.MIN_VALUE;
      max = Short.MAX_VALUE;
    } else if (type == MilvusType.INT32) {
      min = Integer.MIN_VALUE;
      max = Integer.MAX_VALUE;
    } else {
      return value;
    }
    if (value < min || value > max) {
      throw RowChecks.invalid(
          binding,
          "out of range for " + type + " (" + min + " to " + max + ")",
          Long.toString(value),
          partition,
          rowIndex);
    }
    return value;
  }

  private void writeFloating(double value, long rowIndex, JsonGenerator gen) throws IOException {
    if (!Double.isFinite(value)) {
      throw RowChecks.invalid(
          binding, "NaN and infinity are not allowed", Double.toString(value), partition, rowIndex);
    }
    if (type == MilvusType.FLOAT) {
      if (Math.abs(value) > Float.MAX_VALUE) {
        throw RowChecks.invalid(
            binding, "out of range for Float", Double.toString(value), partition, rowIndex);
      }
      gen.writeNumber((float) value);
    } else {
      gen.writeNumber(value);
    }
  }

  private void writeString(UTF8String value, long rowIndex, JsonGenerator gen) throws IOException {
    if (type == MilvusType.VARCHAR
        && field.maxLength() > 0
        && value.numBytes() > field.maxLength()) {
      throw RowChecks.invalid(
          binding,
          "string is "
              + value.numBytes()
              + " UTF-8 bytes long, over max_length "
              + field.maxLength()
              + " (Milvus counts bytes, not characters)",
          value.toString(),
          partition,
          rowIndex);
    }
    byte[] bytes = value.getBytes();
    gen.writeUTF8String(bytes, 0, bytes.length);
  }

  private void writeFloatVector(ArrayData vector, long rowIndex, JsonGenerator gen)
      throws IOException {
    int n = vector.numElements();
    if (n != field.dim()) {
      throw RowChecks.invalid(
          binding,
          "expected dim " + field.dim() + ", got " + n + " values",
          render(vector),
          partition,
          rowIndex);
    }
    gen.writeStartArray();
    boolean doubles = kind == ValueKind.DOUBLE_ARRAY;
    for (int i = 0; i < n; i++) {
      if (vector.isNullAt(i)) {
        throw RowChecks.invalid(
            binding, "element " + i + " is null", render(vector), partition, rowIndex);
      }
      double value = doubles ? vector.getDouble(i) : vector.getFloat(i);
      if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
        throw RowChecks.invalid(
            binding,
            "element " + i + " is " + value + "; vectors must hold finite float32 values",
            render(vector),
            partition,
            rowIndex);
      }
      gen.writeNumber((float) value);
    }
    gen.writeEndArray();
  }

  private String render(ArrayData vector) {
    StringBuilder text = new StringBuilder("[");
    int n = Math.min(vector.numElements(), 8);
    for (int i = 0; i < n; i++) {
      text.append(i == 0 ? "" : ", ");
      if (vector.isNullAt(i)) {
        text.append("null");
      } else if (kind == ValueKind.DOUBLE_ARRAY) {
        text.append(vector.getDouble(i));
      } else {
        text.append(vector.getFloat(i));
      }
    }
    return text.append(vector.numElements() > n ? ", ...]" : "]").toString();
  }
}
