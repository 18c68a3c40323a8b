package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;

/**
 * Stores a value as the JSON text its JSON writer produces: JSON fields and sparse vectors in
 * column formats are strings holding JSON, checked exactly as row JSON checks them.
 */
final class JsonTextReader implements ColumnValueReader {
  private final JsonValueWriter writer;
  private final Buffer buffer = new Buffer();
  private JsonGenerator gen;

  JsonTextReader(JsonValueWriter writer) {
    this.writer = writer;
    this.gen = newGenerator();
  }

  @Override
  public void read(SpecializedGetters data, int ordinal, ColumnSlot slot) {
    buffer.reset();
    try {
      writer.write(data, ordinal, gen);
      gen.flush();
    } catch (ValueProblem problem) {
      gen = newGenerator();
      throw problem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    slot.copyText(buffer.array(), 0, buffer.size());
  }

  private JsonGenerator newGenerator() {
    return generatorOn(buffer);
  }

  /** A generator for one JSON value at a time on a memory buffer, no separators between values. */
  static JsonGenerator generatorOn(ByteArrayOutputStream target) {
    try {
      JsonGenerator generator =
          ScalarJsonWriters.STRICT_JSON.getFactory().createGenerator(target, JsonEncoding.UTF8);
      generator.setRootValueSeparator(null);
      return generator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exposes its array so the text is copied once. */
  static final class Buffer extends ByteArrayOutputStream {
    byte[] array() {
      return buf;
    }
  }
}
