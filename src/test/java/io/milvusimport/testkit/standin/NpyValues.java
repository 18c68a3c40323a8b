package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes numpy cells the way Milvus's {@code importutilv2/numpy/field_reader.go} (2.6) does, into
 * the stand-in's row values. Strings: {@code <U n} is UTF-32 where every all-zero code unit is
 * dropped (Milvus's {@code decodeUtf32}); {@code |S n} is cut at the first NUL <b>only when that
 * NUL is not the first byte</b> (an empty {@code |S} cell is kept as n NUL characters, as Milvus
 * does) and must be valid UTF-8. VarChar values are checked against max_length in UTF-8 bytes
 * ({@code common.CheckVarcharLength}), JSON values must parse ({@code $meta} values must be
 * objects), Geometry values must be WKT. FloatVector values must be finite ({@code
 * typeutil.VerifyFloats32}); {@code <f8} vectors become float32. Float16/BFloat16 bytes are
 * little-endian 16-bit values, stored as the float32 they decode to.
 */
final class NpyValues {
  private final ValueParser parser;

  NpyValues(String timezone) {
    this.parser = new ValueParser(timezone);
  }

  static String utf32(ByteBuffer b, int itemSize) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < itemSize; i += 4) {
      int cp = b.getInt(i);
      if (cp == 0) {
        continue;
      }
      if (cp >>> 16 == 0) {
        sb.append(Character.isSurrogate((char) cp) ? '\uFFFD' : (char) cp);
      } else if (Character.isValidCodePoint(cp)) {
        sb.appendCodePoint(cp);
      } else {
        sb.append('\uFFFD').append('\0'); // Go's EncodeRune into a 4-byte buffer, all appended
      }
    }
    return sb.toString();
  }

  static byte[] bytes(byte[] cell) {
    int n = 0;
    while (n < cell.length && cell[n] != 0) {
      n++;
    }
    if (n > 0 && n < cell.length) {
      byte[] cut = new byte[n];
      System.arraycopy(cell, 0, cut, 0, n);
      return cut;
    }
    return cell.clone();
  }

  /** Validates and converts one string cell ({@code byte[]} for {@code |S}, else String). */
  Object string(FieldSpec f, Object raw) {
    String s;
    if (raw instanceof byte[]) {
      try {
        CharBuffer cb =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap((byte[]) raw));
        s = cb.toString();
      } catch (CharacterCodingException e) {
        throw new ImportFailure(
            "field "
                + f.name
                + " contains invalid UTF-8 data, value="
                + new String((byte[]) raw, StandardCharsets.UTF_8));
      }
    } else {
      s = (String) raw;
    }
    switch (f.type) {
      case "VarChar":
        int len = s.getBytes(StandardCharsets.UTF_8).length;
        if (len > f.maxLength) {
          throw new ImportFailure(
              "value length("
                  + len
                  + ") for field "
                  + f.name
                  + " exceeds max_length("
                  + f.maxLength
                  + ")");
        }
        return s;
      case "Geometry":
        if (!WktChecker.isValid(s)) {
          // ConvertWKTToWKB's own error is returned unwrapped; its text is inferred here
          throw new ImportFailure("invalid WKT for field '" + f.name + "': '" + s + "'");
        }
        return s;
      case "Timestamptz":
        return parser.parse(f, s);
      default:
        return json(f, s);
    }
  }

  private static Object json(FieldSpec f, String s) {
    Object parsed;
    try {
      parsed = GoJson.parseText(s);
    } catch (GoJson.SyntaxError e) {
      throw failed(
          "failed to parse value '"
              + s
              + "' for JSON field '"
              + f.name
              + "', error: "
              + e.getMessage());
    }
    if (RowParser.META.equals(f.name) && !(parsed instanceof java.util.Map)) {
      throw failed(
          "failed to parse value '"
              + s
              + "' for dynamic JSON field '"
              + f.name
              + "', error: json: cannot unmarshal "
              + GoJson.goType(parsed)
              + " into Go value of type map[string]interface {}");
    }
    return GoJson.toNode(parsed);
  }

  List<Float> floats(FieldSpec f, ByteBuffer b, boolean doubles, int dim) {
    List<Float> out = new ArrayList<>(dim);
    for (int i = 0; i < dim; i++) {
      double v = doubles ? b.getDouble(i * 8) : b.getFloat(i * 4);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw notANumber(v);
      }
      out.add((float) v);
    }
    return out;
  }

  /** {@code typeutil.VerifyFloats32/64}: "value '%f' is not a number or infinity". */
  static ImportFailure notANumber(double v) {
    String text = Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
    return new ImportFailure("value '" + text + "' is not a number or infinity: invalid parameter");
  }

  static List<Float> halfFloats(FieldSpec f, ByteBuffer b, int dim) {
    b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    List<Float> out = new ArrayList<>(dim);
    boolean bf16 = "BFloat16Vector".equals(f.type);
    for (int i = 0; i < dim; i++) {
      short bits = b.getShort(i * 2);
      out.add(
          bf16 ? Float.intBitsToFloat((bits & 0xffff) << 16) : HalfFloats.fromFloat16Bits(bits));
    }
    return out;
  }

  static Object scalar(String type, ByteBuffer b) {
    switch (type) {
      case "Bool":
        return b.get(0) != 0;
      case "Int8":
        return (long) b.get(0);
      case "Int16":
        return (long) b.getShort(0);
      case "Int32":
        return (long) b.getInt(0);
      case "Float":
        return b.getFloat(0);
      case "Double":
        return b.getDouble(0);
      default:
        return b.getLong(0);
    }
  }
}
