package io.milvusimport.format;

import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.MilvusField;
import org.apache.spark.sql.types.ArrayType;

/** Chooses the value writer of a bound column, from its Milvus field and Spark type. */
final class JsonFieldWriters {
  private JsonFieldWriters() {}

  static JsonValueWriter forBinding(ColumnBinding binding) {
    MilvusField field = binding.field();
    if (field == null) {
      return DocumentJsonWriter.forType(binding.sparkType());
    }
    switch (field.type()) {
      case ARRAY:
        return ArrayJsonWriter.forField(field, (ArrayType) binding.sparkType());
      case FLOAT_VECTOR:
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
      case BINARY_VECTOR:
      case INT8_VECTOR:
        return VectorJsonWriters.forField(field, binding.sparkType());
      case SPARSE_FLOAT_VECTOR:
        return SparseJsonWriter.forType(binding.sparkType());
      default:
        return ScalarJsonWriters.forType(field.type(), binding.sparkType(), field.maxLength());
    }
  }
}
