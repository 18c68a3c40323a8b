package io.milvusimport.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Turns spilled text records ({@code int length, UTF-8 bytes}) into NumPy's fixed-width {@code <U
 * n} layout: each value as UTF-32LE code points, zero-padded to n.
 */
final class NpyTextExpander {
  private static final int BUFFER = 1 << 16;

  private final int width;

  NpyTextExpander(int width) {
    this.width = width;
  }

  void copy(FileChannel spill, long bytes, OutputStream out) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    byte[] row = new byte[4 * width];
    byte[] text = new byte[256];
    long consumed = 0;
    in.limit(0);
    while (consumed < bytes) {
      int length = fill(spill, in, 4).getInt();
      if (text.length < length) {
        text = new byte[Math.max(length, 2 * text.length)];
      }
      int copied = 0;
      while (copied < length) {
        fill(spill, in, 1);
        int n = Math.min(in.remaining(), length - copied);
        in.get(text, copied, n);
        copied += n;
      }
      consumed += 4 + length;
      encode(text, length, row);
      out.write(row);
    }
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

  private void encode(byte[] utf8, int length, byte[] row) {
    int out = 0;
    for (int i = 0; i < length; ) {
      int b = utf8[i] & 0xff;
      int codePoint;
      if (b < 0x80) {
        codePoint = b;
        i += 1;
      } else if (b < 0xE0) {
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
      row[out++] = (byte) codePoint;
      row[out++] = (byte) (codePoint >> 8);
      row[out++] = (byte) (codePoint >> 16);
      row[out++] = (byte) (codePoint >> 24);
    }
    java.util.Arrays.fill(row, out, row.length, (byte) 0);
  }
}
