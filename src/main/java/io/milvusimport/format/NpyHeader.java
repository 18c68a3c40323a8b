package io.milvusimport.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The header of a NumPy {@code .npy} file (format version 1.0): magic, version, and the dict with
 * dtype, C order and shape, padded so the data starts on a 64-byte boundary as NumPy writes it.
 */
final class NpyHeader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private NpyHeader() {}

  /**
   * @param descr the dtype, e.g. {@code <f4}, {@code |b1}, {@code <U12}
   * @param rows the first dimension
   * @param width the second dimension for vectors, or 0 for a 1-D column
   */
  static byte[] bytes(String descr, long rows, int width) {
    String shape = width > 0 ? "(" + rows + ", " + width + ")" : "(" + rows + ",)";
    String dict =
        String.format(
            Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape);
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    StringBuilder text = new StringBuilder(dict);
    for (int i = 0; i < padding; i++) {
      text.append(' ');
    }
    text.append('\n');
    byte[] header = text.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[MAGIC.length + 2 + header.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[MAGIC.length] = (byte) header.length;
    out[MAGIC.length + 1] = (byte) (header.length >> 8);
    System.arraycopy(header, 0, out, MAGIC.length + 2, header.length);
    return out;
  }

  /** An upper bound of the header's size, for file size estimates. */
  static int maxSize() {
    return 2 * ALIGNMENT;
  }
}
