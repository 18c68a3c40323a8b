package io.milvusimport.testkit.standin;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of one {@code .npy} file (NumPy format versions 1.0, 2.0, 3.0): magic {@code
 * \x93NUMPY}, version bytes, a little-endian header length (2 bytes for v1, 4 for v2/v3) and a
 * Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}. Parsed by the
 * stand-in itself so it never shares code with the connector's writer. Errors are {@link
 * IOException}s with the reader library's kind of wording (Milvus returns npyio's error unwrapped;
 * the exact npyio texts were not checked).
 */
final class NpyHeader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern ENTRY =
      Pattern.compile(
          "'(descr|fortran_order|shape)'\\s*:\\s*('[^']*'|True|False|\\([0-9,\\s]*\\)|\\[)");

  final int majorVersion;
  final String descr;
  final boolean fortranOrder;
  final long[] shape;

  private NpyHeader(int majorVersion, String descr, boolean fortranOrder, long[] shape) {
    this.majorVersion = majorVersion;
    this.descr = descr;
    this.fortranOrder = fortranOrder;
    this.shape = shape;
  }

  /** Reads the header; {@code in} is left at the first data byte. */
  static NpyHeader read(DataInputStream in) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    try {
      in.readFully(magic);
      for (int i = 0; i < MAGIC.length; i++) {
        if (magic[i] != MAGIC[i]) {
          throw new IOException("npy: invalid magic string");
        }
      }
      int major = in.readUnsignedByte();
      in.readUnsignedByte(); // minor
      long len;
      if (major == 1) {
        len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
      } else if (major == 2 || major == 3) {
        len = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
      } else {
        throw new IOException("npy: invalid major version number (" + major + ")");
      }
      if (len > 1 << 20) {
        throw new IOException("npy: header too large (" + len + " bytes)");
      }
      byte[] dict = new byte[(int) len];
      in.readFully(dict);
      String text =
          new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      return parse(major, text);
    } catch (EOFException e) {
      throw new IOException("npy: could not read header: unexpected EOF", e);
    }
  }

  private static NpyHeader parse(int major, String text) throws IOException {
    String descr = null;
    Boolean fortran = null;
    long[] shape = null;
    Matcher m = ENTRY.matcher(text);
    while (m.find()) {
      String v = m.group(2);
      switch (m.group(1)) {
        case "descr":
          if ("[".equals(v)) {
            throw new IOException("npy: structured dtype is not supported: " + text.trim());
          }
          descr = v.substring(1, v.length() - 1);
          break;
        case "fortran_order":
          fortran = "True".equals(v);
          break;
        default:
          shape = shape(v);
      }
    }
    if (descr == null || fortran == null || shape == null) {
      throw new IOException("npy: invalid header dictionary: " + text.trim());
    }
    return new NpyHeader(major, descr, fortran, shape);
  }

  private static long[] shape(String tuple) {
    List<Long> dims = new ArrayList<>();
    for (String part : tuple.substring(1, tuple.length() - 1).split(",")) {
      if (!part.isBlank()) {
        dims.add(Long.parseLong(part.trim()));
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  /** Rows of the array: {@code shape[0]} (0 for a 0-d array). */
  long rows() {
    return shape.length == 0 ? 0 : shape[0];
  }
}
