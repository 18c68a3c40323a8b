package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.milvusimport.schema.MilvusType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One scalar column of the seed design's column-based JSON file ({@code {"uid": [...], ...}}). Its
 * values are spilled locally as comma-separated JSON, then copied between the brackets when the
 * group is finished.
 */
final class JsonColumnWriter {
  private final MilvusColumn column;
  private final Path spill;
  private CountingFile out;
  private JsonGenerator gen;
  private long rows;

  JsonColumnWriter(MilvusColumn column, Path spill) {
    this.column = column;
    this.spill = spill;
  }

  void append(ColumnSlot slot) throws IOException {
    if (gen == null) {
      out = new CountingFile(Files.newOutputStream(spill));
      gen = ScalarJsonWriters.STRICT_JSON.getFactory().createGenerator(out, JsonEncoding.UTF8);
      gen.setRootValueSeparator(null);
    }
    if (rows > 0) {
      gen.writeRaw(',');
    }
    switch (column.kind()) {
      case BOOL:
        gen.writeBoolean(slot.bool);
        break;
      case INT8:
      case INT16:
      case INT32:
      case INT64:
        gen.writeNumber(slot.integer);
        break;
      case FLOAT:
        gen.writeNumber((float) slot.real);
        break;
      case DOUBLE:
        gen.writeNumber(slot.real);
        break;
      default:
        // Milvus's JSON reader takes a JSON field as an object or a string holding any JSON.
        if (column.type() == MilvusType.SPARSE_FLOAT_VECTOR
            || (column.type() == MilvusType.JSON && isObject(slot))) {
          gen.writeRawValue(new String(slot.bytes, 0, slot.length, StandardCharsets.UTF_8));
        } else {
          gen.writeUTF8String(slot.bytes, 0, slot.length);
        }
        break;
    }
    rows++;
  }

  private static boolean isObject(ColumnSlot slot) {
    for (int i = 0; i < slot.length; i++) {
      byte b = slot.bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  /** Bytes the column's values take so far. */
  long bytes() {
    return gen == null ? 0 : gen.getOutputBuffered() + out.count;
  }

  /** Writes {@code "name":[values]} and empties the column for the next group. */
  void writeTo(OutputStream target) throws IOException {
    target.write(ScalarJsonWriters.STRICT_JSON.writeValueAsBytes(column.name()));
    target.write(':');
    target.write('[');
    if (gen != null) {
      close();
      try (InputStream in = Files.newInputStream(spill)) {
        in.transferTo(target);
      }
    }
    target.write(']');
    rows = 0;
  }

  void close() throws IOException {
    if (gen != null) {
      gen.close();
      out.close();
      gen = null;
      out = null;
    }
  }

  /** Counts what leaves the generator, so the size is known without asking the file system. */
  private static final class CountingFile extends BufferedOutputStream {
    private long count;

    CountingFile(OutputStream out) {
      super(out, 1 << 16);
    }

    @Override
    public synchronized void write(int b) throws IOException {
      super.write(b);
      count++;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      super.write(b, off, len);
      count += len;
    }
  }
}
