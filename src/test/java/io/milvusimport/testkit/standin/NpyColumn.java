package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code <field>.npy} file of a column group, read row by row from a buffered stream. The
 * header is checked like Milvus's {@code importutilv2/numpy/util.go} {@code validateHeader} (2.5,
 * master): the dtype maps to one Milvus element type ({@code convertNumpyType}: exact descr
 * strings, {@code >} big-endian accepted and honoured) that must match the field exactly; vectors
 * are 2-D {@code (N, dim)} ({@code (N, dim/8)} binary, {@code (N, 2*dim)} float16/bfloat16 bytes),
 * scalars 1-D. Values are decoded by {@link NpyValues} into the stand-in's row representation.
 */
final class NpyColumn {
  private static final Pattern UNICODE = Pattern.compile("[<>|]?U([0-9]+)");
  private static final Pattern BYTES = Pattern.compile("\\|?[Sa]([0-9]+)");

  final FieldSpec field;
  final NpyHeader header;
  final String elementType;
  final int itemSize;
  final int rowBytes;
  final boolean unicode;
  final ByteOrder order;
  private final DataInputStream in;
  private final byte[] buf;

  NpyColumn(FieldSpec field, NpyHeader header, DataInputStream in) {
    this.field = field;
    this.header = header;
    this.in = in;
    String d = header.descr;
    this.order = d.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    Matcher u = UNICODE.matcher(d);
    Matcher s = BYTES.matcher(d);
    if (u.matches() || s.matches()) {
      this.elementType = "VarChar";
      this.unicode = u.matches();
      this.itemSize = unicode ? 4 * Integer.parseInt(u.group(1)) : Integer.parseInt(s.group(1));
    } else {
      this.elementType = elementType(d);
      this.unicode = false;
      this.itemSize = itemSize(elementType);
    }
    validate();
    long perRow = itemSize;
    for (int i = 1; i < header.shape.length; i++) {
      perRow *= header.shape[i];
    }
    this.rowBytes = (int) perRow;
    this.buf = new byte[rowBytes];
  }

  /** {@code convertNumpyType}: the Milvus element type of a numpy descr. */
  private String elementType(String d) {
    switch (d) {
      case "b1":
      case "<b1":
      case "|b1":
      case "bool":
        return "Bool";
      case "u1":
      case "<u1":
      case "|u1":
      case "uint8":
        return "BinaryVector"; // Milvus's name for uint8 data
      default:
        break;
    }
    String[][] numeric = {
      {"i1", "int8", "Int8"},
      {"i2", "int16", "Int16"},
      {"i4", "int32", "Int32"},
      {"i8", "int64", "Int64"},
      {"f4", "float32", "Float"},
      {"f8", "float64", "Double"}
    };
    for (String[] n : numeric) {
      if (d.equals(n[1]) || d.matches("[<|>]?" + n[0])) {
        return n[2];
      }
    }
    // 2.5 wording (a plain error inside the wrapped message); master adds ": invalid parameter"
    throw failed(
        "unexpected numpy header for field '"
            + field.name
            + "': 'the numpy file dtype '"
            + d
            + "' is not supported'");
  }

  private static int itemSize(String elementType) {
    switch (elementType) {
      case "Int16":
        return 2;
      case "Int32":
      case "Float":
        return 4;
      case "Int64":
      case "Double":
        return 8;
      default:
        return 1;
    }
  }

  private void validate() {
    int dim = field.dim == null ? 1 : field.dim;
    long[] shape = header.shape;
    switch (field.type) {
      case "FloatVector":
        expect(elementType.equals("Float") || elementType.equals("Double"));
        shape(2);
        dim(shape[1] == dim, shape[1], dim);
        break;
      case "Float16Vector":
      case "BFloat16Vector":
        expect(elementType.equals("BinaryVector"));
        shape(2);
        dim(shape[1] == 2L * dim, shape[1], dim); // 2.5 reports shape[1] against dim
        break;
      case "BinaryVector":
        expect(elementType.equals("BinaryVector"));
        shape(2);
        dim(shape[1] == dim / 8, shape[1] * 8, dim);
        break;
      case "Int8Vector":
        expect(elementType.equals("Int8"));
        shape(2);
        dim(shape[1] == dim, shape[1], dim);
        break;
      case "VarChar":
      case "JSON":
      case "Geometry":
        expect(elementType.equals("VarChar"));
        shape(1);
        break;
      case "SparseFloatVector":
      case "Array":
        throw failed("unsupported data type: " + field.type);
      default: // Bool, Int8..Int64, Float, Double, Timestamptz (no dtype maps to it)
        expect(elementType.equals(field.type));
        shape(1);
    }
    if (header.fortranOrder) {
      throw new ImportFailure(
          "[milvus stand-in guard, not Milvus] the numpy file of field '"
              + field.name
              + "' has fortran_order True: Milvus ignores the flag and reads the data in C order,"
              + " so it would import the values silently scrambled; write C-ordered arrays");
    }
  }

  private void expect(boolean ok) {
    if (!ok) {
      throw failed(
          "expected element type '"
              + field.type
              + "' for field '"
              + field.name
              + "', got type '"
              + elementType
              + "'");
    }
  }

  private void shape(int n) {
    if (header.shape.length != n) {
      throw failed(
          "expected shape '"
              + n
              + "' for "
              + field.type
              + " field '"
              + field.name
              + "', got shape '"
              + header.shape.length
              + "'");
    }
  }

  private void dim(boolean ok, long actual, int expected) {
    if (!ok) {
      throw failed(
          "expected dim '"
              + expected
              + "' for "
              + field.type
              + " field '"
              + field.name
              + "', got dim '"
              + actual
              + "'");
    }
  }

  /** The next row's value in the stand-in's representation. */
  Object next(NpyValues values) {
    try {
      in.readFully(buf);
    } catch (EOFException e) {
      throw new ImportFailure("unexpected EOF"); // Go's io.ErrUnexpectedEOF, unwrapped
    } catch (IOException e) {
      throw failed("failed to read numpy file of field '" + field.name + "': " + e.getMessage());
    }
    ByteBuffer b = ByteBuffer.wrap(buf).order(order);
    switch (field.type) {
      case "VarChar":
      case "JSON":
      case "Geometry":
        return values.string(field, unicode ? NpyValues.utf32(b, itemSize) : NpyValues.bytes(buf));
      case "FloatVector":
        return values.floats(field, b, elementType.equals("Double"), field.dim);
      case "Float16Vector":
      case "BFloat16Vector":
        return NpyValues.halfFloats(field, b, field.dim);
      case "BinaryVector":
      case "Int8Vector":
        return buf.clone();
      default:
        return NpyValues.scalar(field.type, b);
    }
  }
}
