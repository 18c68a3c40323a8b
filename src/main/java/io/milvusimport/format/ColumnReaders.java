package io.milvusimport.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.FieldConstant;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.ValueKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.Platform;

/**
 * Chooses the checked reader of a field column for the column formats, from field and Spark type.
 */
final class ColumnReaders {
  private ColumnReaders() {}

  static ColumnValueReader forBinding(ColumnBinding binding) {
    return forType(binding.field(), binding.field().type(), binding.sparkType());
  }

  /**
   * As {@link #forBinding}, but FloatVector values are left in place as a view ({@link
   * VectorValueReaders#floatViews}) for a writer that copies their bytes as they are.
   */
  static ColumnValueReader forBinding(ColumnBinding binding, boolean vectorViews) {
    MilvusField field = binding.field();
    if (vectorViews && field.type() == MilvusType.FLOAT_VECTOR) {
      return VectorValueReaders.floatViews(ValueKind.of(binding.sparkType()), field.dim());
    }
    return forBinding(binding);
  }

  static ColumnValueReader forType(MilvusField field, MilvusType type, DataType spark) {
    ValueKind kind = ValueKind.of(spark);
    switch (type) {
      case BOOL:
        return ScalarValueReaders.bool();
      case INT8:
      case INT16:
      case INT32:
      case INT64:
        return ScalarValueReaders.integer(kind, spark, type);
      case FLOAT:
      case DOUBLE:
        return ScalarValueReaders.floating(kind, spark, type == MilvusType.FLOAT);
      case VARCHAR:
        return ScalarValueReaders.varChar(field.maxLength());
      case GEOMETRY:
        return (data, i, slot) -> text(ScalarJsonWriters.checkWkt(data.getUTF8String(i)), slot);
      case TIMESTAMPTZ:
        return (data, i, slot) -> text(ScalarJsonWriters.timestamp(data.getLong(i)), slot);
      case JSON:
        return new JsonTextReader(ScalarJsonWriters.jsonTextAsIs(spark));
      case SPARSE_FLOAT_VECTOR:
        return new JsonTextReader(SparseJsonWriter.forType(spark));
      case FLOAT_VECTOR:
        return VectorValueReaders.floats(kind, field.dim(), Float.MAX_VALUE);
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        return VectorValueReaders.halfBytes(kind, field.dim(), type == MilvusType.FLOAT16_VECTOR);
      case BINARY_VECTOR:
        return VectorValueReaders.binary(field.dim());
      case INT8_VECTOR:
        return VectorValueReaders.int8(field.dim());
      case ARRAY:
        return array(field, (ArrayType) spark);
      default:
        throw new IllegalArgumentException("no column reader for " + type);
    }
  }

  /** Checks capacity, nulls and every element; the writer reads the elements again to store. */
  private static ColumnValueReader array(MilvusField field, ArrayType spark) {
    ColumnValueReader element = forType(field, field.elementType(), spark.elementType());
    ColumnSlot scratch = new ColumnSlot();
    int capacity = field.maxCapacity();
    return (data, i, slot) -> {
      ArrayData array = data.getArray(i);
      int n = array.numElements();
      if (capacity > 0 && n > capacity) {
        throw new ValueProblem(
            "array over max_capacity",
            "array has " + n + " elements, over max_capacity " + capacity,
            VectorJsonWriters.render(array, spark.elementType()));
      }
      for (int j = 0; j < n; j++) {
        if (array.isNullAt(j)) {
          throw new ValueProblem(
              "null array element",
              "element " + j + " is null; Milvus arrays cannot hold nulls",
              VectorJsonWriters.render(array, spark.elementType()));
        }
        try {
          element.read(array, j, scratch);
        } catch (ValueProblem problem) {
          throw new ValueProblem(
              problem.reason(), "element " + j + ": " + problem.getMessage(), problem.value());
        }
      }
      slot.array = array;
    };
  }

  private static void text(String value, ColumnSlot slot) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    slot.copyText(bytes, 0, bytes.length);
  }

  /**
   * The slot every row gets for a {@code defaultValues} constant, decoded once from its JSON (the
   * planner already checked it against the field).
   */
  static ColumnSlot constant(FieldConstant constant) {
    MilvusField field = constant.field();
    ColumnSlot slot = new ColumnSlot();
    JsonNode value;
    try {
      value = ScalarJsonWriters.STRICT_JSON.readTree(constant.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (value.isNull()) {
      slot.isNull = true;
      return slot;
    }
    switch (field.type()) {
      case BOOL:
        slot.bool = value.asBoolean();
        break;
      case INT8:
      case INT16:
      case INT32:
      case INT64:
        slot.integer = value.asLong();
        break;
      case FLOAT:
        slot.real = (float) value.asDouble();
        break;
      case DOUBLE:
        slot.real = value.asDouble();
        break;
      case FLOAT_VECTOR:
        float[] floats = slot.floats(value.size());
        for (int j = 0; j < floats.length; j++) {
          floats[j] = (float) value.get(j).asDouble();
        }
        slot.vectorView(floats, Platform.FLOAT_ARRAY_OFFSET);
        break;
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        float[] halves = new float[value.size()];
        for (int j = 0; j < halves.length; j++) {
          halves[j] = (float) value.get(j).asDouble();
        }
        HalfFloats.toLittleEndian(
            halves,
            halves.length,
            field.type() == MilvusType.FLOAT16_VECTOR,
            slot.bytes(2 * halves.length));
        break;
      case BINARY_VECTOR:
      case INT8_VECTOR:
        byte[] bytes = slot.bytes(value.size());
        for (int j = 0; j < bytes.length; j++) {
          bytes[j] = (byte) value.get(j).asInt();
        }
        break;
      case ARRAY:
        throw new IllegalArgumentException("Array constants are checked out at plan time");
      default:
        text(value.isTextual() ? value.asText() : value.toString(), slot);
        break;
    }
    return slot;
  }
}
