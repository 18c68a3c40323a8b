package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.RowLayout;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Row-based JSON, {@code {"rows": [{...}, ...]}}: the import format every Milvus since 2.2 reads.
 * Streams through Jackson's generator, so memory is its buffer, not the file.
 */
final class JsonRowsEncoder implements RowFileEncoder {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final JsonValueWriter[] writers;
  private CountingStream counter;
  private JsonGenerator generator;

  JsonRowsEncoder(RowLayout layout, int partition) {
    List<ColumnBinding> bindings = layout.bindings();
    this.writers = new JsonValueWriter[bindings.size()];
    for (int i = 0; i < writers.length; i++) {
      writers[i] = new JsonValueWriter(bindings.get(i), partition);
    }
  }

  @Override
  public String extension() {
    return ".json";
  }

  @Override
  public void start(OutputStream out) throws IOException {
    counter = new CountingStream(out);
    generator = FACTORY.createGenerator(counter, JsonEncoding.UTF8);
    generator.writeStartObject();
    generator.writeFieldName("rows");
    generator.writeStartArray();
  }

  @Override
  public void write(InternalRow row, long rowIndex) throws IOException {
    generator.writeStartObject();
    for (JsonValueWriter writer : writers) {
      writer.write(row, rowIndex, generator);
    }
    generator.writeEndObject();
  }

  @Override
  public long bytes() {
    return counter.count + generator.getOutputBuffered();
  }

  @Override
  public void finish() throws IOException {
    try {
      generator.writeEndArray();
      generator.writeEndObject();
      generator.close();
    } finally {
      counter.close();
    }
  }

  /** Counts what reaches the file so rolling needs no extra buffering. */
  private static final class CountingStream extends FilterOutputStream {
    private long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
