package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;
import io.milvusimport.schema.ValueKind;
import java.io.IOException;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;

/** Writers for dense vector fields: Float, Float16, BFloat16, Binary and Int8 vectors. */
final class VectorJsonWriters {
  private static final int RENDERED_ELEMENTS = 8;

  private VectorJsonWriters() {}

  static JsonValueWriter forField(MilvusField field, DataType spark) {
    ValueKind kind = ValueKind.of(spark);
    int dim = field.dim();
    ColumnSlot slot = new ColumnSlot();
    switch (field.type()) {
      case FLOAT_VECTOR:
        return floats(VectorValueReaders.floats(kind, dim, Float.MAX_VALUE), slot);
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        boolean half = field.type() == MilvusType.FLOAT16_VECTOR;
        if (kind == ValueKind.BINARY) {
          ColumnValueReader bytes = VectorValueReaders.halfBytes(kind, dim, half);
          return (data, i, gen) -> {
            bytes.read(data, i, slot);
            writeFloats(halfValues(slot, dim, half), slot, gen);
          };
        }
        return floats(
            VectorValueReaders.floats(kind, dim, half ? HalfFloats.FLOAT16_MAX : Float.MAX_VALUE),
            slot);
      case BINARY_VECTOR:
        ColumnValueReader binary = VectorValueReaders.binary(dim);
        return (data, i, gen) -> {
          binary.read(data, i, slot);
          gen.writeStartArray();
          for (int j = 0; j < slot.length; j++) {
            gen.writeNumber(slot.bytes[j] & 0xff);
          }
          gen.writeEndArray();
        };
      case INT8_VECTOR:
        ColumnValueReader int8 = VectorValueReaders.int8(dim);
        return (data, i, gen) -> {
          int8.read(data, i, slot);
          gen.writeStartArray();
          for (int j = 0; j < slot.length; j++) {
            gen.writeNumber(slot.bytes[j]);
          }
          gen.writeEndArray();
        };
      default:
        throw new IllegalArgumentException("not a dense vector type: " + field.type());
    }
  }

  private static JsonValueWriter floats(ColumnValueReader reader, ColumnSlot slot) {
    return (data, i, gen) -> {
      reader.read(data, i, slot);
      writeFloats(slot.floats, slot, gen);
    };
  }

  /**
   * Prints the whole vector into the slot's reusable byte array and hands it to the generator's
   * stream in one write: per-float number formatting through the generator was most of row JSON's
   * cost.
   */
  private static void writeFloats(float[] values, ColumnSlot slot, JsonGenerator gen)
      throws IOException {
    byte[] text = slot.bytes(2 + values.length * (FloatText.MAX_LENGTH + 1));
    int end = 0;
    text[end++] = '[';
    for (int j = 0; j < values.length; j++) {
      if (j > 0) {
        text[end++] = ',';
      }
      end = FloatText.write(values[j], text, end);
    }
    text[end++] = ']';
    RawJson.write(gen, text, end);
  }

  /**
   * The decoded values of the slot's checked half-precision bytes: JSON carries floats, the server
   * converts them back.
   */
  private static float[] halfValues(ColumnSlot slot, int dim, boolean half) {
    byte[] bytes = slot.bytes;
    float[] values = slot.floats(dim);
    for (int j = 0; j < dim; j++) {
      short bits = (short) ((bytes[2 * j] & 0xff) | (bytes[2 * j + 1] << 8));
      values[j] = half ? HalfFloats.fromFloat16(bits) : HalfFloats.fromBFloat16(bits);
    }
    return values;
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
