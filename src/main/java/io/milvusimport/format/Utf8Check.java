package io.milvusimport.format;

import java.util.Locale;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Refuses strings that are not valid UTF-8. Spark strings are UTF-8 bytes but nothing forces them
 * to be valid (a cast from binary, a file read without decoding). Milvus refuses such a VarChar in
 * its Parquet reader ("field 'F' contains invalid UTF-8 data"), and its JSON reader (Go's
 * encoding/json) silently replaces each bad byte with U+FFFD, so a value would change on its way
 * in. The rules are Go's {@code utf8.Valid}: no stray continuation bytes, no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
final class Utf8Check {
  private Utf8Check() {}

  /** Throws a {@link ValueProblem} naming the first bad byte, if any. */
  static void check(byte[] bytes, int offset, int length, UTF8String value) {
    int bad = firstInvalid(bytes, offset, length);
    if (bad >= 0) {
      throw new ValueProblem(
          "invalid UTF-8",
          String.format(
              Locale.ROOT,
              "string is not valid UTF-8 (byte 0x%02X at offset %d), which Milvus refuses or"
                  + " alters",
              bytes[offset + bad] & 0xFF,
              bad),
          value.toString());
    }
  }

  /** The offset of the first byte of an invalid sequence, or -1. */
  static int firstInvalid(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int need;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return i - offset;
      }
      if (i + need >= end) {
        return i - offset;
      }
      int code = b & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int c = bytes[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return i - offset;
        }
        code = (code << 6) | (c & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return i - offset;
      }
      i += need + 1;
    }
    return -1;
  }
}
