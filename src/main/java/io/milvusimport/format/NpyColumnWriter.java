package io.milvusimport.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One column of an NPY group. Values go to a local spill file as they arrive, because the header
 * must hold the row count (and, for text, the longest value) before the data; {@link #writeTo} then
 * streams header and data into the staged {@code <field>.npy}. Memory is one buffer, whatever the
 * file's size.
 *
 * <p>dtypes follow contract §5: {@code |b1}, {@code |i1 <i2 <i4 <i8}, {@code <f4 <f8}, {@code <U n}
 * for text (UTF-32, n = longest value in code points), {@code <f4} (N, dim) for FloatVector, {@code
 * |u1} (N, bytes) for binary and half-precision vectors, {@code |i1} (N, dim) for Int8Vector.
 */
final class NpyColumnWriter implements GroupPart {
  private static final int BUFFER = 1 << 16;

  private final MilvusColumn column;
  private final int index;
  private final Path spill;
  private final ByteBuffer buffer;

  /** A float view over {@link #buffer}, made once: vectors are copied into it in bulk. */
  private final FloatBuffer floats;

  private final int fixedWidth;
  private FileChannel channel;
  private long rows;
  private long spilledBytes;
  private int maxCodePoints;

  /**
   * @param index the column's position in the rows' slots
   */
  NpyColumnWriter(MilvusColumn column, int index, Path spill) {
    this.column = column;
    this.index = index;
    this.spill = spill;
    this.fixedWidth = fixedWidth(column);
    this.buffer =
        ByteBuffer.allocate(Math.max(BUFFER, 2 * fixedWidth)).order(ByteOrder.LITTLE_ENDIAN);
    this.floats = buffer.asFloatBuffer();
  }

  /** Bytes per row, or 0 for text, whose width depends on the longest value. */
  private static int fixedWidth(MilvusColumn column) {
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

  @Override
  public void append(ColumnSlot[] row) throws IOException {
    append(row[index]);
  }

  void append(ColumnSlot slot) throws IOException {
    switch (column.kind()) {
      case BOOL:
        room(1).put((byte) (slot.bool ? 1 : 0));
        break;
      case INT8:
        room(1).put((byte) slot.integer);
        break;
      case INT16:
        room(2).putShort((short) slot.integer);
        break;
      case INT32:
        room(4).putInt((int) slot.integer);
        break;
      case INT64:
        room(8).putLong(slot.integer);
        break;
      case FLOAT:
        room(4).putFloat((float) slot.real);
        break;
      case DOUBLE:
        room(8).putDouble(slot.real);
        break;
      case FLOAT_VECTOR:
        // Only floats go into this column's buffer, so its position is a multiple of 4.
        ByteBuffer target = room(fixedWidth);
        floats.position(target.position() / 4);
        floats.put(slot.floats, 0, column.width());
        target.position(target.position() + fixedWidth);
        break;
      case BYTE_VECTOR:
        put(slot.bytes, slot.length);
        break;
      default:
        maxCodePoints = Math.max(maxCodePoints, slot.codePoints());
        room(4).putInt(slot.length);
        put(slot.bytes, slot.length);
        break;
    }
    rows++;
  }

  long rows() {
    return rows;
  }

  @Override
  public long bytes() {
    long width = fixedWidth > 0 ? fixedWidth : 4L * Math.max(1, maxCodePoints);
    return NpyHeader.maxSize() + rows * width;
  }

  @Override
  public void writeTo(ImportFileOutput group) throws IOException {
    try (OutputStream file =
        new BufferedOutputStream(group.create("/" + column.name() + ".npy"), BUFFER)) {
      writeTo(file);
    }
  }

  /** Writes the complete {@code .npy} file and empties the column for the next group. */
  void writeTo(OutputStream out) throws IOException {
    flush();
    out.write(NpyHeader.bytes(descr(), rows, vectorWidth()));
    if (channel != null) {
      channel.position(0);
      if (fixedWidth > 0) {
        copyFixed(out);
      } else {
        new NpyTextExpander(Math.max(1, maxCodePoints)).copy(channel, spilledBytes, out);
      }
      channel.truncate(0);
      channel.position(0);
    }
    rows = 0;
    spilledBytes = 0;
    maxCodePoints = 0;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  private String descr() {
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
        return column.type() == io.milvusimport.schema.MilvusType.INT8_VECTOR ? "|i1" : "|u1";
      default:
        return "<U" + Math.max(1, maxCodePoints);
    }
  }

  private int vectorWidth() {
    return column.kind() == ColumnKind.FLOAT_VECTOR || column.kind() == ColumnKind.BYTE_VECTOR
        ? column.width()
        : 0;
  }

  private void copyFixed(OutputStream out) throws IOException {
    ByteBuffer read = ByteBuffer.allocate(BUFFER);
    long left = spilledBytes;
    while (left > 0) {
      read.clear();
      int n = channel.read(read);
      if (n < 0) {
        throw new IOException("spill file " + spill + " ended early");
      }
      out.write(read.array(), 0, n);
      left -= n;
    }
  }

  private ByteBuffer room(int n) throws IOException {
    if (buffer.remaining() < n) {
      flush();
    }
    return buffer;
  }

  private void put(byte[] bytes, int length) throws IOException {
    int offset = 0;
    while (offset < length) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int n = Math.min(buffer.remaining(), length - offset);
      buffer.put(bytes, offset, n);
      offset += n;
    }
  }

  private void flush() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    if (channel == null) {
      channel =
          FileChannel.open(
              spill,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      spilledBytes += channel.write(buffer);
    }
    buffer.clear();
  }
}
