package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts one Parquet cell ({@link ParquetCells}) to the stand-in's row value with the checks of
 * Milvus's {@code importutilv2/parquet/field_reader.go} (2.6 / master). Texts from there: "the
 * field '%s' is not nullable but the file contains null value" ({@code WrapNullRowErr}), "array
 * element is not allowed to be null value for field '%s'" ({@code WrapNullElementErr}), "length of
 * vector is not aligned: expected %d but got %d: invalid parameter, data type: %s", "Invalid JSON
 * string for SparseFloatVector: '%s', err = %v", "vector row width mismatch: field %s, row %d,
 * expected %d bytes but got %d bytes, data type: %s" (master uses it for nullable binary columns;
 * the stand-in also for non-nullable ones, where Milvus would misalign rows instead), and the
 * shared common/ typeutil texts for max_length, max_capacity and NaN/Inf. Float16/BFloat16 bytes
 * are stored as the float32 they decode to (little-endian).
 */
final class ParquetValues {
  private final ValueParser parser;
  private final NpyValues strings;

  ParquetValues(String timezone) {
    this.parser = new ValueParser(timezone);
    this.strings = new NpyValues(timezone);
  }

  Object convert(FieldSpec f, Object cell, long row) {
    if (cell == null) {
      if (f.hasDefault()) {
        return parser.defaultValue(f);
      }
      if (f.nullable) {
        return null;
      }
      throw failed("the field '" + f.name + "' is not nullable but the file contains null value");
    }
    switch (f.type) {
      case "Bool":
        return cell;
      case "Int8":
      case "Int16":
      case "Int32":
      case "Int64":
        return cell;
      case "Float":
        return (float) finite(((Number) cell).doubleValue());
      case "Double":
        return finite(((Number) cell).doubleValue());
      case "VarChar":
      case "JSON":
      case "Geometry":
        return strings.string(f, cell);
      case "Timestamptz":
        try {
          return TimestampTz.parseMicros(text(cell), parser.timezone());
        } catch (IllegalArgumentException e) {
          throw new ImportFailure(e.getMessage());
        }
      case "SparseFloatVector":
        return sparse(f, cell);
      case "Array":
        return array(f, (List<?>) cell);
      case "FloatVector":
        List<Float> floats = new ArrayList<>();
        for (Object o : checkedList(f, cell, f.dim)) {
          floats.add((float) finite(((Number) o).doubleValue()));
        }
        return floats;
      case "Int8Vector":
        return bytes(checkedList(f, cell, f.dim));
      default: // BinaryVector, Float16Vector, BFloat16Vector
        int width = "BinaryVector".equals(f.type) ? f.dim / 8 : f.dim * 2;
        byte[] b;
        if (cell instanceof byte[]) {
          b = (byte[]) cell;
          if (b.length != width) {
            throw failed(
                "vector row width mismatch: field "
                    + f.name
                    + ", row "
                    + row
                    + ", expected "
                    + width
                    + " bytes but got "
                    + b.length
                    + " bytes, data type: "
                    + f.type);
          }
        } else {
          b = bytes(checkedList(f, cell, width));
        }
        return "BinaryVector".equals(f.type) ? b : halfFloats(f, b);
    }
  }

  private static List<?> checkedList(FieldSpec f, Object cell, int expected) {
    List<?> list = (List<?>) cell;
    if (list.size() != expected) {
      throw failed(
          "length of vector is not aligned: expected "
              + expected
              + " but got "
              + list.size()
              + ": invalid parameter, data type: "
              + f.type);
    }
    for (Object o : list) {
      if (o == null) {
        throw nullElement(f);
      }
    }
    return list;
  }

  private static ImportFailure nullElement(FieldSpec f) {
    return failed("array element is not allowed to be null value for field '" + f.name + "'");
  }

  private static byte[] bytes(List<?> list) {
    byte[] out = new byte[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).byteValue();
    }
    return out;
  }

  private static List<Float> halfFloats(FieldSpec f, byte[] b) {
    return NpyValues.halfFloats(f, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), f.dim);
  }

  private static double finite(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw NpyValues.notANumber(v);
    }
    return v;
  }

  private static String text(Object cell) {
    return cell instanceof byte[]
        ? new String((byte[]) cell, StandardCharsets.UTF_8)
        : (String) cell;
  }

  private Object sparse(FieldSpec f, Object cell) {
    Map<String, Object> m;
    if (cell instanceof Map) {
      Map<?, ?> struct = (Map<?, ?>) cell;
      m = new LinkedHashMap<>();
      m.put("indices", numbers((List<?>) struct.get("indices")));
      m.put("values", numbers((List<?>) struct.get("values")));
    } else {
      String s = text(cell);
      Object parsed;
      try {
        parsed = GoJson.parseText(s);
      } catch (GoJson.SyntaxError e) {
        throw failed(
            "Invalid JSON string for SparseFloatVector: '" + s + "', err = " + e.getMessage());
      }
      if (!(parsed instanceof Map)) {
        throw failed("Invalid JSON string for SparseFloatVector: '" + s + "', err = not an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> obj = (Map<String, Object>) parsed;
      m = obj;
    }
    return parser.parse(f, m);
  }

  private static List<Object> numbers(List<?> in) {
    List<Object> out = new ArrayList<>();
    for (Object o : in) {
      out.add(new GoJson.Num(String.valueOf(o)));
    }
    return out;
  }

  private Object array(FieldSpec f, List<?> cell) {
    if (f.maxCapacity != null && cell.size() > f.maxCapacity) {
      throw new ImportFailure(
          "array capacity("
              + cell.size()
              + ") for field "
              + f.name
              + " exceeds max_capacity("
              + f.maxCapacity
              + ")");
    }
    FieldSpec elem =
        new FieldSpec(
            f.name,
            f.id,
            f.elementType,
            null,
            false,
            false,
            false,
            false,
            false,
            null,
            null,
            f.maxLength,
            null);
    List<Object> out = new ArrayList<>(cell.size());
    for (Object o : cell) {
      if (o == null) {
        throw nullElement(f);
      }
      out.add(convert(elem, o, -1));
    }
    return out;
  }
}
