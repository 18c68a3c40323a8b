package io.milvusimport.format;

import io.milvusimport.schema.MilvusField;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;

/** Milvus Array fields: a list of the element type, no nulls, at most {@code max_capacity}. */
final class ArrayJsonWriter {
  private ArrayJsonWriter() {}

  static JsonValueWriter forField(MilvusField field, ArrayType type) {
    JsonValueWriter element =
        ScalarJsonWriters.forType(field.elementType(), type.elementType(), field.maxLength());
    int capacity = field.maxCapacity();
    return (data, i, gen) -> {
      ArrayData array = data.getArray(i);
      int n = array.numElements();
      if (capacity > 0 && n > capacity) {
        throw new ValueProblem(
            "array over max_capacity",
            "array has " + n + " elements, over max_capacity " + capacity,
            VectorJsonWriters.render(array, type.elementType()));
      }
      gen.writeStartArray();
      for (int j = 0; j < n; j++) {
        if (array.isNullAt(j)) {
          throw new ValueProblem(
              "null array element",
              "element " + j + " is null; Milvus arrays cannot hold nulls",
              VectorJsonWriters.render(array, type.elementType()));
        }
        try {
          element.write(array, j, gen);
        } catch (ValueProblem problem) {
          throw new ValueProblem(
              problem.reason(), "element " + j + ": " + problem.getMessage(), problem.value());
        }
      }
      gen.writeEndArray();
    };
  }
}
