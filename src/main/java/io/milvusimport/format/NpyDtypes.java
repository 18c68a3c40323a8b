package io.milvusimport.format;

import io.milvusimport.schema.MilvusType;

/**
 * The NumPy dtype and shape of each column kind, apart from the writer so the mapping to contract
 * §5 reads in one place: {@code |b1}, {@code |i1 <i2 <i4 <i8}, {@code <f4 <f8}, {@code <U n} for
 * text (UTF-32, n = longest value in code points), {@code <f4} (N, dim) for FloatVector, {@code
 * |u1} (N, bytes) for binary and half-precision vectors, {@code |i1} (N, dim) for Int8Vector.
 */
final class NpyDtypes {
  private NpyDtypes() {}

  /** Bytes per row, or 0 for text, whose width depends on the longest value. */
  static int rowWidth(MilvusColumn column) {
    switch (column.kind()) {
      case BOOL:
      case INT8:
        return 1;
      case INT16:
        return 2;
      case INT32:
      case FLOAT:
        return 4;
      case INT64:
      case DOUBLE:
        return 8;
      case FLOAT_VECTOR:
        return 4 * column.width();
      case BYTE_VECTOR:
        return column.width();
      default:
        return 0;
    }
  }

  /**
   * @param maxCodePoints the longest text value so far, for {@code <U n}; ignored otherwise
   */
  static String descr(MilvusColumn column, int maxCodePoints) {
    switch (column.kind()) {
      case BOOL:
        return "|b1";
      case INT8:
        return "|i1";
      case INT16:
        return "<i2";
      case INT32:
        return "<i4";
      case INT64:
        return "<i8";
      case FLOAT:
      case FLOAT_VECTOR:
        return "<f4";
      case DOUBLE:
        return "<f8";
      case BYTE_VECTOR:
        return column.type() == MilvusType.INT8_VECTOR ? "|i1" : "|u1";
      default:
        return "<U" + Math.max(1, maxCodePoints);
    }
  }

  /** The second dimension for vectors, or 0 for a 1-D column. */
  static int vectorWidth(MilvusColumn column) {
    return column.kind() == ColumnKind.FLOAT_VECTOR || column.kind() == ColumnKind.BYTE_VECTOR
        ? column.width()
        : 0;
  }
}
