package io.milvusimport.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The header of a NumPy {@code .npy} file (format version 1.0): magic, version, and the dict with
 * dtype, C order and shape, padded with spaces so the data starts on a 64-byte boundary as NumPy
 * writes it.
 *
 * <p>A header can also be made to an exact, larger length ({@link #bytes(String, long, int, int)}):
 * format 1.0 allows any amount of space padding before the final newline, which is what lets a
 * fixed-width column reserve {@link #RESERVED} bytes in front of its data and patch the real header
 * in once the row count is known (NumPy's own {@code open_memmap} pads for growth the same way).
 */
final class NpyHeader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  /** Bytes a fixed-width column reserves for its header; a multiple of {@link #ALIGNMENT}. */
  static final int RESERVED = 2 * ALIGNMENT;

  private NpyHeader() {}

  /**
   * The header at its natural length (the smallest multiple of 64).
   *
   * @param descr the dtype, e.g. {@code <f4}, {@code |b1}, {@code <U12}
   * @param rows the first dimension
   * @param width the second dimension for vectors, or 0 for a 1-D column
   */
  static byte[] bytes(String descr, long rows, int width) {
    int natural = MAGIC.length + 2 + dict(descr, rows, width).length() + 1;
    return bytes(descr, rows, width, natural + (ALIGNMENT - natural % ALIGNMENT) % ALIGNMENT);
  }

  /**
   * The header padded to exactly {@code length} bytes (magic to final newline).
   *
   * @param length a multiple of 64, at least the natural length
   * @throws IllegalArgumentException if the header does not fit or the length is not aligned
   */
  static byte[] bytes(String descr, long rows, int width, int length) {
    String dict = dict(descr, rows, width);
    int textLength = length - MAGIC.length - 2;
    if (length % ALIGNMENT != 0 || dict.length() + 1 > textLength || textLength > 0xffff) {
      throw new IllegalArgumentException(
          "an NPY header of " + length + " bytes cannot hold " + dict);
    }
    byte[] out = new byte[length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[MAGIC.length] = (byte) textLength;
    out[MAGIC.length + 1] = (byte) (textLength >> 8);
    byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, out, MAGIC.length + 2, text.length);
    java.util.Arrays.fill(out, MAGIC.length + 2 + text.length, length - 1, (byte) ' ');
    out[length - 1] = '\n';
    return out;
  }

  /**
   * Whether every header of this dtype and width, whatever the row count, fits in {@code length}.
   */
  static boolean fits(String descr, int width, int length) {
    return MAGIC.length + 2 + dict(descr, Long.MAX_VALUE, width).length() + 1 <= length;
  }

  /** An upper bound of the header's size, for file size estimates. */
  static int maxSize() {
    return RESERVED;
  }

  private static String dict(String descr, long rows, int width) {
    String shape = width > 0 ? "(" + rows + ", " + width + ")" : "(" + rows + ",)";
    return String.format(
        Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape);
  }
}
