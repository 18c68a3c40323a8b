package io.milvusimport.format;

import io.milvusimport.schema.MilvusType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of an import file, chosen so Arrow reads back exactly the types Milvus's
 * Parquet reader expects (contract §5): every column OPTIONAL (REQUIRED ones crashed servers up to
 * 2.5.4), Int8/Int16 annotated, strings as UTF8, vectors as 3-level lists or plain binary, and no
 * column Milvus does not know.
 */
final class ParquetSchemas {
  static final String LIST = "list";
  static final String ELEMENT = "element";

  private ParquetSchemas() {}

  static MessageType of(MilvusColumn[] columns) {
    List<Type> fields = new ArrayList<>();
    for (MilvusColumn column : columns) {
      fields.add(columnType(column));
    }
    return new MessageType("milvus_import", fields);
  }

  private static Type columnType(MilvusColumn column) {
    String name = column.name();
    switch (column.kind()) {
      case FLOAT_VECTOR:
        return list(name, Types.optional(PrimitiveTypeName.FLOAT).named(ELEMENT));
      case BYTE_VECTOR:
        if (column.type() == MilvusType.INT8_VECTOR) {
          return list(name, primitive(ColumnKind.INT8, Repetition.OPTIONAL, ELEMENT));
        }
        return Types.optional(PrimitiveTypeName.BINARY).named(name);
      case ARRAY:
        ColumnKind element = MilvusColumn.kindOf(column.field().elementType());
        return list(name, primitive(element, Repetition.OPTIONAL, ELEMENT));
      default:
        return primitive(column.kind(), Repetition.OPTIONAL, name);
    }
  }

  private static Type primitive(ColumnKind kind, Repetition repetition, String name) {
    switch (kind) {
      case BOOL:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
      case INT8:
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
            .as(LogicalTypeAnnotation.intType(8, true))
            .named(name);
      case INT16:
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
            .as(LogicalTypeAnnotation.intType(16, true))
            .named(name);
      case INT32:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      case INT64:
        return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
      case FLOAT:
        return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      case TEXT:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(LogicalTypeAnnotation.stringType())
            .named(name);
      default:
        throw new IllegalArgumentException("no Parquet primitive for " + kind);
    }
  }

  /** The dotted path of a list column's values, as Parquet's per-column settings name it. */
  static String elementPath(String column) {
    return column + "." + LIST + "." + ELEMENT;
  }

  /**
   * The standard 3-level list: {@code optional group name (LIST) { repeated group list { e } }}.
   */
  private static Type list(String name, Type element) {
    return Types.optionalGroup()
        .as(LogicalTypeAnnotation.listType())
        .addField(new GroupType(Repetition.REPEATED, LIST, element))
        .named(name);
  }
}
