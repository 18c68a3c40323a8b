package io.milvusimport.format;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Turns spilled text records ({@code int length, UTF-8 bytes}) into NumPy's fixed-width {@code <U
 * n} layout: each value as UTF-32LE code points, zero-padded to n.
 *
 * <p>Each record is decoded straight from the spill file's read buffer into the output buffer,
 * which goes to the staged file as it is: no String, no per-value copy, and ASCII (most text) takes
 * one 4-byte store per character. The input is valid UTF-8 (the column readers refuse anything
 * else).
 */
final class NpyTextExpander {
  private static final int BUFFER = 1 << 16;
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final int rowBytes;

  /**
   * @param width n of {@code <U n}: the code points of the longest value
   */
  NpyTextExpander(int width) {
    this.rowBytes = 4 * width;
  }

  void copy(FileChannel spill, long bytes, OutputStream out) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    byte[] rows = new byte[Math.max(BUFFER, rowBytes)];
    int used = 0;
    long consumed = 0;
    in.limit(0);
    while (consumed < bytes) {
      int length = fill(spill, in, 4).getInt();
      if (in.capacity() < length) {
        in = grow(in, length);
      }
      fill(spill, in, length);
      if (rows.length - used < rowBytes) {
        out.write(rows, 0, used);
        used = 0;
      }
      int start = in.position();
      encode(in.array(), in.arrayOffset() + start, length, rows, used);
      in.position(start + length);
      used += rowBytes;
      consumed += 4 + length;
    }
    out.write(rows, 0, used);
  }

  /** A larger read buffer holding what {@code in} had left: for a value longer than the buffer. */
  private static ByteBuffer grow(ByteBuffer in, int length) {
    ByteBuffer larger = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    larger.put(in);
    larger.flip();
    return larger;
  }

  /** Makes at least {@code n} bytes readable from {@code in}, reading on from the spill file. */
  private static ByteBuffer fill(FileChannel spill, ByteBuffer in, int n) throws IOException {
    if (in.remaining() >= n) {
      return in;
    }
    in.compact();
    while (in.position() < n) {
      if (spill.read(in) < 0) {
        throw new IOException("text spill file ended early");
      }
    }
    in.flip();
    return in;
  }

  /**
   * Writes one value's code points as UTF-32LE at {@code out[at]}, zero-padded to the row width.
   */
  void encode(byte[] utf8, int offset, int length, byte[] out, int at) {
    int o = at;
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = utf8[i];
      if (b >= 0) {
        INT_LE.set(out, o, b);
        o += 4;
        i++;
        continue;
      }
      b &= 0xff;
      int codePoint;
      if (b < 0xE0) {
        codePoint = (b & 0x1F) << 6 | (utf8[i + 1] & 0x3F);
        i += 2;
      } else if (b < 0xF0) {
        codePoint = (b & 0x0F) << 12 | (utf8[i + 1] & 0x3F) << 6 | (utf8[i + 2] & 0x3F);
        i += 3;
      } else {
        codePoint =
            (b & 0x07) << 18
                | (utf8[i + 1] & 0x3F) << 12
                | (utf8[i + 2] & 0x3F) << 6
                | (utf8[i + 3] & 0x3F);
        i += 4;
      }
      INT_LE.set(out, o, codePoint);
      o += 4;
    }
    Arrays.fill(out, o, at + rowBytes, (byte) 0);
  }
}
