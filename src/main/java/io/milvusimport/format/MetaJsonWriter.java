package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.schema.ColumnBinding;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * The explicit {@code $meta} column: a JSON object holding dynamic-field keys. Milvus refuses a key
 * that is both inside {@code $meta} and at the row's top level, so that is checked per row (struct
 * columns are checked once at plan time).
 */
final class MetaJsonWriter {
  private final ColumnBinding binding;
  private final Set<String> topLevel;
  private final JsonValueWriter document;

  MetaJsonWriter(ColumnBinding binding, Set<String> topLevel) {
    this.binding = binding;
    this.topLevel = topLevel;
    this.document =
        binding.sparkType().equals(DataTypes.StringType)
            ? null
            : DocumentJsonWriter.forType(binding.sparkType());
  }

  void write(SpecializedGetters data, int ordinal, JsonGenerator gen) throws IOException {
    if (document == null) {
      JsonNode object = ScalarJsonWriters.parseJson(data.getUTF8String(ordinal), "JSON");
      if (!object.isObject()) {
        throw new ValueProblem(
            "$meta is not a JSON object",
            "the dynamic field takes a JSON object, not " + object.getNodeType(),
            object.toString());
      }
      for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
        checkKey(keys.next());
      }
      gen.writeTree(object);
      return;
    }
    if (binding.sparkType() instanceof MapType) {
      ArrayData keys = data.getMap(ordinal).keyArray();
      for (int j = 0; j < keys.numElements(); j++) {
        checkKey(keys.getUTF8String(j).toString());
      }
    }
    document.write(data, ordinal, gen);
  }

  private void checkKey(String key) {
    if (topLevel.contains(key)) {
      throw new ValueProblem(
          "duplicated key in $meta",
          "key '"
              + key
              + "' is inside $meta and also a column of the row; Milvus refuses"
              + " duplicated keys",
          key);
    }
  }
}
