package io.milvusimport.format;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * The checked value of one Milvus column in the current row, in the form column formats store it.
 * One slot per column is reused for every row, so reading a row allocates nothing once the buffers
 * have grown to the widest value. Which member holds the value depends on the column's {@link
 * ColumnKind}.
 */
final class ColumnSlot {
  boolean isNull;
  boolean bool;
  long integer;
  double real;

  /** UTF-8 text or raw vector bytes, valid up to {@link #length}. */
  byte[] bytes = new byte[64];

  int length;

  /** FloatVector values, exactly {@code dim} of them. */
  float[] floats;

  /**
   * FloatVector values for the NPY writer: {@code dim} float32 values in the platform's order at
   * this {@link org.apache.spark.unsafe.Platform} address, in Spark's row memory or in {@link
   * #floats}; valid until the next row is read.
   */
  Object vectorBase;

  long vectorOffset;

  /** Array fields: the checked Spark array, elements read by the writer. */
  ArrayData array;

  /** Makes room for {@code n} bytes, keeping none of the old content. */
  byte[] bytes(int n) {
    if (bytes.length < n) {
      bytes = new byte[Math.max(n, bytes.length * 2)];
    }
    length = n;
    return bytes;
  }

  float[] floats(int n) {
    if (floats == null || floats.length != n) {
      floats = new float[n];
    }
    return floats;
  }

  void vectorView(Object base, long offset) {
    vectorBase = base;
    vectorOffset = offset;
  }

  void copyText(byte[] source, int offset, int n) {
    System.arraycopy(source, offset, bytes(n), 0, n);
  }

  /** The number of Unicode code points in the UTF-8 text: the width NumPy's {@code <U} needs. */
  int codePoints() {
    int count = 0;
    for (int i = 0; i < length; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        count++;
      }
    }
    return count;
  }

  @Override
  public String toString() {
    return isNull ? "null" : "ColumnSlot" + Arrays.toString(Arrays.copyOf(bytes, length));
  }
}
