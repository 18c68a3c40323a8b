package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Converts one decoded JSON value to a field's type with the checks of Milvus's {@code
 * row_parser.go} {@code parseEntity} (2.5/2.6). Strconv failures keep Go's raw text, as Milvus
 * returns them unwrapped: {@code strconv.ParseInt: parsing "1.0": invalid syntax}. Verified texts:
 * type error, dim error, array element error (row_parser.go); "value length(%d) for field %s
 * exceeds max_length(%d)" and "array capacity(%d) for field %s exceeds max_capacity(%d)"
 * (importutilv2/common/util.go); "value '%f' is not a number or infinity" (typeutil VerifyFloat).
 * The SparseFloatVector texts are the stand-in's own (not verified).
 *
 * <p>Milvus 2.6 types: Geometry must be a WKT string ({@link WktChecker} stands in for {@code
 * common.ConvertWKTToWKB}; a failure is the type error, as in the 2.6 CSV/JSON row parsers) and is
 * kept as given; Timestamptz must be a string, parsed by {@link TimestampTz} (Milvus's {@code
 * ParseTimeTz} with the collection timezone, its error returned unwrapped) and kept as a {@code
 * Long} of UTC epoch microseconds. Float16/BFloat16 vectors are kept as the float32 values Milvus
 * reads back ({@link HalfFloats}); a float16 overflow fails with {@code typeutil.VerifyFloats16}'s
 * "float16 vector contain nan or infinity value." (row_parser.go at 4003c98, 2.5/2.6).
 */
final class ValueParser {
  private static final Pattern INT = Pattern.compile("-?[0-9]+");
  private static final long MAX_SPARSE_INDEX = 4294967295L; // 2^32-1, exclusive

  private final String timezone;

  ValueParser() {
    this(TimestampTz.DEFAULT_TIMEZONE);
  }

  /** {@code timezone}: the collection's {@code timezone} property, for naive Timestamptz values. */
  ValueParser(String timezone) {
    this.timezone = timezone;
  }

  /** The collection timezone naive Timestamptz values are read in. */
  String timezone() {
    return timezone;
  }

  Object parse(FieldSpec f, Object v) {
    switch (f.type) {
      case "Bool":
        if (!(v instanceof Boolean)) {
          throw typeError(f, v);
        }
        return v;
      case "Int8":
        return parseInt(number(f, v), 8);
      case "Int16":
        return parseInt(number(f, v), 16);
      case "Int32":
        return parseInt(number(f, v), 32);
      case "Int64":
        return parseInt(number(f, v), 64);
      case "Float":
        return (float) parseFloat(number(f, v), 32);
      case "Double":
        return parseFloat(number(f, v), 64);
      case "VarChar":
        if (!(v instanceof String)) {
          throw typeError(f, v);
        }
        checkLength(f, (String) v);
        return v;
      case "Geometry":
        // ConvertWKTToWKB failure is reported as the type error (row_parser.go, 2.6)
        if (!(v instanceof String) || !WktChecker.isValid((String) v)) {
          throw typeError(f, v);
        }
        return v;
      case "Timestamptz":
        if (!(v instanceof String)) {
          throw typeError(f, v);
        }
        return timestamptz((String) v);
      case "JSON":
        return json(f, v);
      case "Array":
        return array(f, v);
      case "FloatVector":
      case "BFloat16Vector":
      case "Float16Vector":
        return floats(f, v);
      case "BinaryVector":
        return binary(f, v);
      case "Int8Vector":
        return int8s(f, v);
      case "SparseFloatVector":
        if (!(v instanceof Map)) {
          throw typeError(f, v);
        }
        return sparse((Map<?, ?>) v);
      default:
        throw failed("parse json failed, unsupport data type: " + f.type);
    }
  }

  /** The field's default value in row form. */
  Object defaultValue(FieldSpec f) {
    JsonNode d = f.defaultValue;
    switch (f.type) {
      case "Bool":
        return d.asBoolean();
      case "Int8":
      case "Int16":
      case "Int32":
      case "Int64":
        return d.asLong();
      case "Float":
        return (float) d.asDouble();
      case "Double":
        return d.asDouble();
      case "VarChar":
      case "Geometry":
        return d.asText();
      case "Timestamptz":
        // Milvus rewrites the default to UTC micros at create time
        return d.isIntegralNumber() ? d.asLong() : timestamptz(d.asText());
      default:
        return d;
    }
  }

  private static String number(FieldSpec f, Object v) {
    if (!(v instanceof GoJson.Num)) {
      throw typeError(f, v);
    }
    return ((GoJson.Num) v).text;
  }

  /** Go's {@code strconv.ParseInt(s, 0, bits)}. */
  static long parseInt(String s, int bits) {
    if (!INT.matcher(s).matches()) {
      throw raw("strconv.ParseInt: parsing " + quote(s) + ": invalid syntax");
    }
    BigInteger b = new BigInteger(s);
    if (b.bitLength() > bits - 1) {
      throw raw("strconv.ParseInt: parsing " + quote(s) + ": value out of range");
    }
    return b.longValue();
  }

  /** Go's {@code strconv.ParseUint(s, 0, bits)}. */
  static long parseUint(String s, int bits) {
    if (!s.matches("[0-9]+")) {
      throw raw("strconv.ParseUint: parsing " + quote(s) + ": invalid syntax");
    }
    BigInteger b = new BigInteger(s);
    if (b.bitLength() > bits) {
      throw raw("strconv.ParseUint: parsing " + quote(s) + ": value out of range");
    }
    return b.longValue();
  }

  /** Go's {@code strconv.ParseFloat(s, bits)} for a JSON number literal. */
  static double parseFloat(String s, int bits) {
    double d = Double.parseDouble(s);
    boolean out = bits == 32 ? Float.isInfinite((float) d) : Double.isInfinite(d);
    if (out) {
      throw raw("strconv.ParseFloat: parsing " + quote(s) + ": value out of range");
    }
    return d;
  }

  private static void checkLength(FieldSpec f, String s) {
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > f.maxLength) {
      throw raw(
          "value length("
              + bytes
              + ") for field "
              + f.name
              + " exceeds max_length("
              + f.maxLength
              + ")");
    }
  }

  private static JsonNode json(FieldSpec f, Object v) {
    if (v instanceof String) {
      try {
        return GoJson.toNode(GoJson.parseText((String) v));
      } catch (GoJson.SyntaxError e) {
        throw raw(e.getMessage());
      }
    }
    if (v instanceof Map) {
      return GoJson.toNode(v);
    }
    throw typeError(f, v);
  }

  private List<Object> array(FieldSpec f, Object v) {
    if (!(v instanceof List)) {
      throw typeError(f, v);
    }
    List<?> in = (List<?>) v;
    if (f.maxCapacity != null && in.size() > f.maxCapacity) {
      throw raw(
          "array capacity("
              + in.size()
              + ") for field "
              + f.name
              + " exceeds max_capacity("
              + f.maxCapacity
              + ")");
    }
    List<Object> out = new ArrayList<>(in.size());
    for (Object e : in) {
      out.add(element(f, e));
    }
    return out;
  }

  private static Object element(FieldSpec f, Object e) {
    String t = f.elementType;
    boolean ok;
    switch (t) {
      case "Bool":
        ok = e instanceof Boolean;
        break;
      case "VarChar":
        ok = e instanceof String;
        break;
      default:
        ok = e instanceof GoJson.Num;
    }
    if (!ok) {
      throw failed(
          "expected element type '"
              + t
              + "' in array field, got type '"
              + GoJson.goType(e)
              + "' with value '"
              + GoJson.goValue(e)
              + "'");
    }
    switch (t) {
      case "Bool":
        return e;
      case "VarChar":
        checkLength(f, (String) e);
        return e;
      case "Int8":
        return parseInt(e.toString(), 8);
      case "Int16":
        return parseInt(e.toString(), 16);
      case "Int32":
        return parseInt(e.toString(), 32);
      case "Int64":
        return parseInt(e.toString(), 64);
      case "Float":
        return (float) parseFloat(e.toString(), 32);
      case "Double":
        return parseFloat(e.toString(), 64);
      default:
        throw failed("parse json failed, unsupport data type: " + t);
    }
  }

  private Long timestamptz(String s) {
    try {
      return TimestampTz.parseMicros(s, timezone);
    } catch (IllegalArgumentException e) {
      throw raw(e.getMessage());
    }
  }

  /**
   * Float vectors; Float16/BFloat16 values come back as Milvus stores them ({@link HalfFloats}).
   */
  private static List<Float> floats(FieldSpec f, Object v) {
    List<?> in = vectorList(f, v, f.dim);
    List<Float> out = new ArrayList<>(in.size());
    for (Object e : in) {
      float x = (float) parseFloat(number(f, e), 32);
      if ("Float16Vector".equals(f.type)) {
        x = HalfFloats.roundToFloat16(x);
        if (Float.isInfinite(x)) {
          throw raw("float16 vector contain nan or infinity value.");
        }
      } else if ("BFloat16Vector".equals(f.type)) {
        x = HalfFloats.truncateToBFloat16(x);
      }
      out.add(x);
    }
    return out;
  }

  private static byte[] binary(FieldSpec f, Object v) {
    if (!(v instanceof List)) {
      throw typeError(f, v);
    }
    List<?> in = (List<?>) v;
    if (in.size() != f.dim / 8) {
      throw dimError(f, in.size() * 8);
    }
    byte[] out = new byte[in.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) parseUint(number(f, in.get(i)), 8);
    }
    return out;
  }

  private static byte[] int8s(FieldSpec f, Object v) {
    List<?> in = vectorList(f, v, f.dim);
    byte[] out = new byte[in.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) parseInt(number(f, in.get(i)), 8);
    }
    return out;
  }

  private static List<?> vectorList(FieldSpec f, Object v, int dim) {
    if (!(v instanceof List)) {
      throw typeError(f, v);
    }
    List<?> in = (List<?>) v;
    if (in.size() != dim) {
      throw dimError(f, in.size());
    }
    return in;
  }

  private static SortedMap<Long, Float> sparse(Map<?, ?> m) {
    SortedMap<Long, Float> out = new TreeMap<>();
    if (m.get("indices") instanceof List && m.get("values") instanceof List) {
      List<?> idx = (List<?>) m.get("indices");
      List<?> val = (List<?>) m.get("values");
      if (idx.size() != val.size()) {
        throw raw("indices and values length mismatch");
      }
      for (int i = 0; i < idx.size(); i++) {
        putSparse(out, sparseNumber(idx.get(i)), sparseNumber(val.get(i)));
      }
    } else {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        putSparse(out, String.valueOf(e.getKey()), sparseNumber(e.getValue()));
      }
    }
    return out;
  }

  private static String sparseNumber(Object o) {
    if (!(o instanceof GoJson.Num)) {
      throw raw("invalid sparse float vector element: " + GoJson.goValue(o));
    }
    return o.toString();
  }

  private static void putSparse(SortedMap<Long, Float> out, String index, String value) {
    long i = parseUint(index, 64);
    if (i >= MAX_SPARSE_INDEX) {
      throw raw("sparse float vector index " + i + " out of range, must be less than 2^32-1");
    }
    float x = (float) parseFloat(value, 32);
    if (x < 0) {
      throw raw("sparse float vector value must not be negative, got " + value);
    }
    if (out.put(i, x) != null) {
      throw raw("duplicated index " + i + " in sparse float vector");
    }
  }

  static ImportFailure typeError(FieldSpec f, Object v) {
    return failed(
        "expected type '"
            + f.type
            + "' for field '"
            + f.name
            + "', got type '"
            + GoJson.goType(v)
            + "' with value '"
            + GoJson.goValue(v)
            + "'");
  }

  static ImportFailure dimError(FieldSpec f, int actual) {
    return failed(
        "expected dim '"
            + f.dim
            + "' for field '"
            + f.name
            + "' with type '"
            + f.type
            + "', got dim '"
            + actual
            + "'");
  }

  private static ImportFailure raw(String msg) {
    return new ImportFailure(msg);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
