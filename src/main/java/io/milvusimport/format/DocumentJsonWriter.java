package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes any Spark value as a JSON document: for JSON fields given as struct or map, and for the
 * dynamic field's keys. Structs and maps become objects, arrays lists, dates and timestamps ISO
 * strings; NaN and infinity are refused because JSON cannot hold them.
 */
final class DocumentJsonWriter {
  private DocumentJsonWriter() {}

  static JsonValueWriter forType(DataType type) {
    if (type.equals(DataTypes.BooleanType)) {
      return (data, i, gen) -> gen.writeBoolean(data.getBoolean(i));
    } else if (type.equals(DataTypes.ByteType)) {
      return (data, i, gen) -> gen.writeNumber(data.getByte(i));
    } else if (type.equals(DataTypes.ShortType)) {
      return (data, i, gen) -> gen.writeNumber(data.getShort(i));
    } else if (type.equals(DataTypes.IntegerType)) {
      return (data, i, gen) -> gen.writeNumber(data.getInt(i));
    } else if (type.equals(DataTypes.LongType)) {
      return (data, i, gen) -> gen.writeNumber(data.getLong(i));
    } else if (type.equals(DataTypes.FloatType)) {
      return (data, i, gen) -> writeFinite(data.getFloat(i), true, gen);
    } else if (type.equals(DataTypes.DoubleType)) {
      return (data, i, gen) -> writeFinite(data.getDouble(i), false, gen);
    } else if (type instanceof DecimalType) {
      DecimalType decimal = (DecimalType) type;
      return (data, i, gen) ->
          gen.writeNumber(
              data.getDecimal(i, decimal.precision(), decimal.scale()).toJavaBigDecimal());
    } else if (type.equals(DataTypes.StringType)) {
      return (data, i, gen) -> {
        byte[] bytes = data.getUTF8String(i).getBytes();
        gen.writeUTF8String(bytes, 0, bytes.length);
      };
    } else if (type.equals(DataTypes.DateType)) {
      return (data, i, gen) -> gen.writeString(LocalDate.ofEpochDay(data.getInt(i)).toString());
    } else if (type.equals(DataTypes.TimestampType)) {
      return (data, i, gen) -> gen.writeString(ScalarJsonWriters.timestamp(data.getLong(i)));
    } else if (type instanceof ArrayType) {
      return list((ArrayType) type);
    } else if (type instanceof MapType) {
      return map((MapType) type);
    } else if (type instanceof StructType) {
      return struct((StructType) type);
    }
    throw new IllegalArgumentException("no JSON form for " + type.simpleString());
  }

  private static void writeFinite(double value, boolean float32, JsonGenerator gen)
      throws IOException {
    if (!Double.isFinite(value)) {
      throw new ValueProblem(
          "NaN or infinity", "NaN and infinity cannot be stored in JSON", Double.toString(value));
    }
    if (float32) {
      gen.writeNumber((float) value);
    } else {
      gen.writeNumber(value);
    }
  }

  private static JsonValueWriter list(ArrayType type) {
    JsonValueWriter element = forType(type.elementType());
    return (data, i, gen) -> {
      ArrayData array = data.getArray(i);
      gen.writeStartArray();
      for (int j = 0; j < array.numElements(); j++) {
        writeNullable(array, j, element, gen);
      }
      gen.writeEndArray();
    };
  }

  private static JsonValueWriter map(MapType type) {
    JsonValueWriter value = forType(type.valueType());
    DataType keyType = type.keyType();
    return (data, i, gen) -> {
      MapData map = data.getMap(i);
      ArrayData keys = map.keyArray();
      ArrayData values = map.valueArray();
      gen.writeStartObject();
      for (int j = 0; j < map.numElements(); j++) {
        gen.writeFieldName(String.valueOf(keys.get(j, keyType)));
        writeNullable(values, j, value, gen);
      }
      gen.writeEndObject();
    };
  }

  private static JsonValueWriter struct(StructType type) {
    StructField[] fields = type.fields();
    JsonValueWriter[] writers = new JsonValueWriter[fields.length];
    for (int f = 0; f < fields.length; f++) {
      writers[f] = forType(fields[f].dataType());
    }
    return (data, i, gen) -> {
      SpecializedGetters row = data.getStruct(i, fields.length);
      gen.writeStartObject();
      for (int f = 0; f < fields.length; f++) {
        gen.writeFieldName(fields[f].name());
        writeNullable(row, f, writers[f], gen);
      }
      gen.writeEndObject();
    };
  }

  private static void writeNullable(
      SpecializedGetters data, int i, JsonValueWriter writer, JsonGenerator gen)
      throws IOException {
    if (data.isNullAt(i)) {
      gen.writeNull();
    } else {
      writer.write(data, i, gen);
    }
  }
}
