package io.milvusimport.format;

import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;

/**
 * Milvus Array fields: a list of the element type, no nulls, at most {@code max_capacity}. The
 * checks are the column formats' ({@link ColumnReaders}), so every format refuses the same arrays.
 */
final class ArrayJsonWriter {
  private ArrayJsonWriter() {}

  static JsonValueWriter forField(MilvusField field, ArrayType type) {
    ColumnValueReader check = ColumnReaders.forType(field, MilvusType.ARRAY, type);
    JsonValueWriter element =
        ScalarJsonWriters.forType(field.elementType(), type.elementType(), field.maxLength());
    ColumnSlot slot = new ColumnSlot();
    return (data, i, gen) -> {
      check.read(data, i, slot);
      ArrayData array = slot.array;
      gen.writeStartArray();
      for (int j = 0; j < array.numElements(); j++) {
        element.write(array, j, gen);
      }
      gen.writeEndArray();
    };
  }
}
