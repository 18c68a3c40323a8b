package io.milvusimport.format;

import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.MilvusType;

/**
 * One column of a column-based import file: a Milvus field, or {@code $meta} for the dynamic field.
 * Knows how it is stored, so NPY and Parquet writers need not look at Milvus types again.
 */
final class MilvusColumn {
  static final String META = "$meta";

  private final String name;
  private final MilvusField field;
  private final ColumnKind kind;
  private final int width;

  private MilvusColumn(String name, MilvusField field, ColumnKind kind, int width) {
    this.name = name;
    this.field = field;
    this.kind = kind;
    this.width = width;
  }

  static MilvusColumn meta() {
    return new MilvusColumn(META, null, ColumnKind.TEXT, 0);
  }

  static MilvusColumn of(MilvusField field) {
    ColumnKind kind = kindOf(field.type());
    int width = 0;
    switch (field.type()) {
      case FLOAT_VECTOR:
      case INT8_VECTOR:
        width = field.dim();
        break;
      case BINARY_VECTOR:
        width = field.dim() / 8;
        break;
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
        width = 2 * field.dim();
        break;
      default:
        break;
    }
    return new MilvusColumn(field.name(), field, kind, width);
  }

  static ColumnKind kindOf(MilvusType type) {
    switch (type) {
      case BOOL:
        return ColumnKind.BOOL;
      case INT8:
        return ColumnKind.INT8;
      case INT16:
        return ColumnKind.INT16;
      case INT32:
        return ColumnKind.INT32;
      case INT64:
        return ColumnKind.INT64;
      case FLOAT:
        return ColumnKind.FLOAT;
      case DOUBLE:
        return ColumnKind.DOUBLE;
      case FLOAT_VECTOR:
        return ColumnKind.FLOAT_VECTOR;
      case BINARY_VECTOR:
      case FLOAT16_VECTOR:
      case BFLOAT16_VECTOR:
      case INT8_VECTOR:
        return ColumnKind.BYTE_VECTOR;
      case ARRAY:
        return ColumnKind.ARRAY;
      default:
        return ColumnKind.TEXT;
    }
  }

  /** The field name, which is also the file or column name Milvus matches. */
  String name() {
    return name;
  }

  /** The field, or null for {@code $meta}. */
  MilvusField field() {
    return field;
  }

  MilvusType type() {
    return field == null ? MilvusType.JSON : field.type();
  }

  ColumnKind kind() {
    return kind;
  }

  /** Values per row for vectors: floats for FloatVector, bytes for the others; else 0. */
  int width() {
    return width;
  }

  boolean nullable() {
    return field != null && (field.nullable() || field.hasDefault());
  }
}
