package io.milvusimport.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.spark.unsafe.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One column of an NPY group. Values go to a local spill file as they arrive, because the header
 * must hold the row count (and, for text, the longest value) before the data. Memory is one buffer,
 * whatever the file's size.
 *
 * <p>Fixed-width columns (numbers, bool, vectors) start their spill file with {@link
 * NpyHeader#RESERVED} bytes left free: at {@link #writeTo} the real header, padded to exactly that
 * length, is written over them and the spill file itself becomes the staged {@code <field>.npy}
 * ({@link ImportFileOutput#place}: a rename locally, one upload straight from the file on S3A), so
 * its bytes are written once instead of being copied. Text columns ({@code <U n}) only know their
 * width at the end, so their spill file holds UTF-8 records that {@link NpyTextExpander} expands
 * while streaming header and data into the staged file.
 *
 * <p>dtypes and shapes: {@link NpyDtypes}.
 */
final class NpyColumnWriter implements GroupPart {
  private static final Logger LOG = LoggerFactory.getLogger(NpyColumnWriter.class);
  private static final int BUFFER = 1 << 16;
  private static final boolean NATIVE_LITTLE_ENDIAN =
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private final MilvusColumn column;
  private final int index;
  private final Path spill;
  private final ByteBuffer buffer;

  private final int fixedWidth;

  /**
   * Bytes left free for the header at the start of the spill file: {@link NpyHeader#RESERVED} when
   * the spill file becomes the staged file, 0 when it is copied (text).
   */
  private final int headerRoom;

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
    this.fixedWidth = NpyDtypes.rowWidth(column);
    this.buffer =
        ByteBuffer.allocate(Math.max(BUFFER, 2 * fixedWidth)).order(ByteOrder.LITTLE_ENDIAN);
    this.headerRoom =
        fixedWidth > 0
                && NpyHeader.fits(
                    NpyDtypes.descr(column, 0), NpyDtypes.vectorWidth(column), NpyHeader.RESERVED)
            ? NpyHeader.RESERVED
            : 0;
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
        putFloats(slot.vectorBase, slot.vectorOffset);
        break;
      case BYTE_VECTOR:
        put(slot.bytes, slot.length);
        break;
      default:
        // A value's UTF-8 length bounds its code points: only a longer one can widen the column.
        if (slot.length > maxCodePoints) {
          maxCodePoints = Math.max(maxCodePoints, slot.codePoints());
        }
        room(4).putInt(slot.length);
        put(slot.bytes, slot.length);
        break;
    }
    rows++;
  }

  /**
   * Copies one vector's float32 values from the slot's view (Spark's row memory, or a float array)
   * into the buffer: one memory copy on little-endian machines, where the platform's order is
   * NumPy's {@code <f4}.
   */
  private void putFloats(Object base, long offset) throws IOException {
    ByteBuffer target = room(fixedWidth);
    int at = target.position();
    if (NATIVE_LITTLE_ENDIAN) {
      Platform.copyMemory(
          base,
          offset,
          target.array(),
          Platform.BYTE_ARRAY_OFFSET + target.arrayOffset() + at,
          fixedWidth);
    } else {
      for (int j = 0; j < fixedWidth; j += 4) {
        target.putFloat(at + j, Platform.getFloat(base, offset + j));
      }
    }
    target.position(at + fixedWidth);
  }

  long rows() {
    return rows;
  }

  @Override
  public long bytes() {
    long width = fixedWidth > 0 ? fixedWidth : 4L * Math.max(1, maxCodePoints);
    return NpyHeader.maxSize() + rows * width;
  }

  /**
   * A text column is {@code rows x 4 x longest value} bytes, so one long value widens every row of
   * the group: this is what the group would take with {@code row} in it.
   */
  @Override
  public long bytesWith(ColumnSlot[] row) {
    long width = fixedWidth;
    if (fixedWidth <= 0) {
      ColumnSlot slot = row[index];
      // A value's UTF-8 length bounds its code points, so most rows are decided without counting.
      int longest =
          slot.length <= maxCodePoints ? maxCodePoints : Math.max(maxCodePoints, slot.codePoints());
      width = 4L * Math.max(1, longest);
    }
    return NpyHeader.maxSize() + (rows + 1) * width;
  }

  /** Writes the complete {@code .npy} file and empties the column for the next group. */
  @Override
  public void writeTo(ImportFileOutput group) throws IOException {
    String suffix = "/" + column.name() + ".npy";
    if (headerRoom > 0) {
      place(group, suffix);
      return;
    }
    try (OutputStream file = new BufferedOutputStream(group.create(suffix), BUFFER)) {
      copyTo(file);
    }
  }

  /** Patches the header into the spill file's reserved bytes and hands the file over. */
  private void place(ImportFileOutput group, String suffix) throws IOException {
    flush();
    if (channel == null) {
      open();
    }
    ByteBuffer header = ByteBuffer.wrap(header());
    while (header.hasRemaining()) {
      channel.write(header, header.position());
    }
    long size = channel.size();
    channel.close();
    channel = null;
    LOG.debug("Placing {} ({} rows, {} bytes) as {}", spill, rows, size, suffix);
    rows = 0;
    spilledBytes = 0;
    group.place(suffix, spill);
  }

  /** Streams header and (expanded) data into {@code out} and empties the spill file. */
  private void copyTo(OutputStream out) throws IOException {
    flush();
    out.write(header());
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

  /** The header for the rows so far: exactly {@link #headerRoom} bytes when that is reserved. */
  private byte[] header() {
    String descr = NpyDtypes.descr(column, maxCodePoints);
    int width = NpyDtypes.vectorWidth(column);
    return headerRoom > 0
        ? NpyHeader.bytes(descr, rows, width, headerRoom)
        : NpyHeader.bytes(descr, rows, width);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
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
      open();
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      spilledBytes += channel.write(buffer);
    }
    buffer.clear();
  }

  /** Opens a new spill file, positioned after the room left for the header. */
  private void open() throws IOException {
    channel =
        FileChannel.open(
            spill,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    channel.position(headerRoom);
  }
}
