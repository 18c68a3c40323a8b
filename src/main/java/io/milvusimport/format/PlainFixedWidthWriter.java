package io.milvusimport.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesWriter;

/**
 * PLAIN encoding of 4-byte values (FLOAT, INT32) into one growing array, for the vector element
 * columns, which have no dictionary. parquet-mr's own {@code PlainValuesWriter} goes through a
 * little-endian data stream that writes each value as four single-byte writes to its slab buffer,
 * which the profile showed as a fifth of the vector path's time; this writes the four bytes at
 * once. The bytes are those of {@code PlainValuesWriter}: little-endian, floats through {@link
 * Float#floatToIntBits} (one canonical NaN).
 *
 * <p>The array holds one page: the column writer takes the page's bytes ({@link #getBytes}) and
 * copies them into its page buffer before it calls {@link #reset}, so the array is reused for the
 * next page and grows only to the largest page (about the page size).
 */
final class PlainFixedWidthWriter extends ValuesWriter {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buffer;
  private int size;

  PlainFixedWidthWriter(int initialBytes) {
    this.buffer = new byte[Math.max(64, initialBytes)];
  }

  @Override
  public void writeFloat(float v) {
    writeInteger(Float.floatToIntBits(v));
  }

  @Override
  public void writeInteger(int v) {
    if (buffer.length - size < Integer.BYTES) {
      grow();
    }
    INT_LE.set(buffer, size, v);
    size += Integer.BYTES;
  }

  private void grow() {
    if (buffer.length > Integer.MAX_VALUE / 2 - 16) {
      throw new IllegalStateException("Parquet page over 1 GiB: " + size + " bytes buffered");
    }
    byte[] larger = new byte[buffer.length * 2];
    System.arraycopy(buffer, 0, larger, 0, size);
    buffer = larger;
  }

  @Override
  public long getBufferedSize() {
    return size;
  }

  /** The page's values; valid until the next write or {@link #reset}. */
  @Override
  public BytesInput getBytes() {
    return BytesInput.from(buffer, 0, size);
  }

  @Override
  public Encoding getEncoding() {
    return Encoding.PLAIN;
  }

  @Override
  public void reset() {
    size = 0;
  }

  @Override
  public void close() {
    size = 0;
    buffer = new byte[0];
  }

  @Override
  public long getAllocatedSize() {
    return buffer.length;
  }

  @Override
  public String memUsageString(String prefix) {
    return String.format(Locale.ROOT, "%s PlainFixedWidthWriter %,d bytes", prefix, buffer.length);
  }
}
