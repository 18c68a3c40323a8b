package io.milvusimport.testkit.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The Arrow type Milvus's Parquet reader (Go {@code pqarrow}, the port of Arrow C++'s schema
 * mapping) sees for a Parquet column: INT32 + INT(8|16, signed) -> int8/int16, INT(8|16|32,
 * unsigned) -> uint8/16/32, INT64 + INT(64,false) -> uint64, BINARY + STRING -> utf8, BINARY ->
 * binary, FIXED_LEN_BYTE_ARRAY -> fixed_size_binary, a LIST group -> list (3-level or legacy
 * 2-level), a plain group -> struct. An {@code ARROW:schema} entry in the file's key-value metadata
 * (written by Arrow-based writers) wins: that is how large_list, large_utf8 and fixed_size_list
 * come back. {@link #toString()} prints like Go's {@code arrow.DataType.String()}, used in Milvus's
 * type mis-match text.
 */
final class ArrowTypes {
  /** A node of an Arrow type: {@code id} as Go prints it, children for nested types. */
  static final class AType {
    final String id;
    final List<AField> children;
    final int size; // fixed_size_list / fixed_size_binary width

    AType(String id, List<AField> children, int size) {
      this.id = id;
      this.children = children;
      this.size = size;
    }

    AType elem() {
      return children.get(0).type;
    }

    boolean isList() {
      return "list".equals(id);
    }

    @Override
    public String toString() {
      switch (id) {
        case "list":
        case "large_list":
          return id + "<" + children.get(0) + ">";
        case "fixed_size_list":
          return id + "<" + children.get(0) + ">[" + size + "]";
        case "fixed_size_binary":
          return id + "[" + size + "]";
        case "struct":
          return "struct<"
              + children.stream().map(f -> f.name + ": " + f.type).collect(Collectors.joining(", "))
              + ">";
        default:
          return id;
      }
    }
  }

  /** A child field: name, type, nullability. */
  static final class AField {
    final String name;
    final AType type;
    final boolean nullable;

    AField(String name, AType type, boolean nullable) {
      this.name = name;
      this.type = type;
      this.nullable = nullable;
    }

    @Override
    public String toString() {
      return name + ": " + type + (nullable ? ", nullable" : "");
    }
  }

  private ArrowTypes() {}

  static AType of(String id) {
    return new AType(id, List.of(), 0);
  }

  static AType listOf(String name, AType elem, boolean nullable) {
    return new AType("list", List.of(new AField(name, elem, nullable)), 0);
  }

  /** The Arrow type of a top-level Parquet column (repetition handled by the caller). */
  static AType fromParquet(Type t) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      return listOf(t.getName(), fromParquetNonRepeated(t), false);
    }
    return fromParquetNonRepeated(t);
  }

  private static AType fromParquetNonRepeated(Type t) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType());
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1) {
      Type rep = g.getType(0);
      if (rep.isPrimitive()
          || rep.asGroupType().getFieldCount() != 1
          || "array".equals(rep.getName())
          || (g.getName() + "_tuple").equals(rep.getName())) {
        return listOf(rep.getName(), fromParquetNonRepeated(rep), false); // legacy 2-level
      }
      Type elem = rep.asGroupType().getType(0);
      return listOf(
          elem.getName(), fromParquet(elem), !elem.isRepetition(Type.Repetition.REQUIRED));
    }
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
      return of("map");
    }
    List<AField> fields = new ArrayList<>();
    for (Type f : g.getFields()) {
      fields.add(
          new AField(f.getName(), fromParquet(f), !f.isRepetition(Type.Repetition.REQUIRED)));
    }
    return new AType("struct", fields, 0);
  }

  private static AType primitive(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return of("bool");
      case INT32:
      case INT64:
        if (a instanceof IntLogicalTypeAnnotation) {
          IntLogicalTypeAnnotation i = (IntLogicalTypeAnnotation) a;
          return of((i.isSigned() ? "int" : "uint") + i.getBitWidth());
        }
        if (a == null) {
          return of(
              p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                  ? "int32"
                  : "int64");
        }
        return of(
            a.toString().toLowerCase(java.util.Locale.ROOT)); // date, time, timestamp, decimal
      case INT96:
        return of("timestamp[ns]");
      case FLOAT:
        return of("float32");
      case DOUBLE:
        return of("float64");
      case BINARY:
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return of("utf8");
        }
        return a == null ? of("binary") : of(a.toString().toLowerCase(java.util.Locale.ROOT));
      default: // FIXED_LEN_BYTE_ARRAY
        if (a != null && a.toString().startsWith("FLOAT16")) {
          return of("float16");
        }
        return new AType("fixed_size_binary", List.of(), p.getTypeLength());
    }
  }

  /** The Arrow type an {@code ARROW:schema} field describes. */
  static AType fromArrow(Field f) {
    ArrowType t = f.getType();
    List<AField> kids = new ArrayList<>();
    for (Field c : f.getChildren()) {
      kids.add(new AField(c.getName(), fromArrow(c), c.isNullable()));
    }
    switch (t.getTypeID()) {
      case Int:
        ArrowType.Int i = (ArrowType.Int) t;
        return of((i.getIsSigned() ? "int" : "uint") + i.getBitWidth());
      case FloatingPoint:
        switch (((ArrowType.FloatingPoint) t).getPrecision()) {
          case HALF:
            return of("float16");
          case SINGLE:
            return of("float32");
          default:
            return of("float64");
        }
      case Bool:
        return of("bool");
      case Utf8:
        return of("utf8");
      case LargeUtf8:
        return of("large_utf8");
      case Binary:
        return of("binary");
      case LargeBinary:
        return of("large_binary");
      case Null:
        return of("null");
      case FixedSizeBinary:
        return new AType("fixed_size_binary", kids, ((ArrowType.FixedSizeBinary) t).getByteWidth());
      case List:
        return new AType("list", kids, 0);
      case LargeList:
        return new AType("large_list", kids, 0);
      case FixedSizeList:
        return new AType("fixed_size_list", kids, ((ArrowType.FixedSizeList) t).getListSize());
      case Struct:
        return new AType("struct", kids, 0);
      default:
        return of(t.toString().toLowerCase(java.util.Locale.ROOT));
    }
  }
}
