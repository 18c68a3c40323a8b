package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON text that is already valid as the generator's next value, as bytes: printing vectors
 * or re-encoding checked JSON documents through the generator's per-token API was most of row
 * JSON's cost.
 */
final class RawJson {
  private RawJson() {}

  /** Writes {@code length} bytes of UTF-8 JSON text, keeping the generator's separators right. */
  static void write(JsonGenerator gen, byte[] text, int length) throws IOException {
    Object target = gen.getOutputTarget();
    if (target instanceof OutputStream) {
      // An empty raw value makes the generator write the separator (a comma, a colon) it owes.
      gen.writeRawValue("");
      gen.flush();
      ((OutputStream) target).write(text, 0, length);
    } else {
      gen.writeRawValue(new String(text, 0, length, StandardCharsets.UTF_8));
    }
  }
}
