package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.milvusimport.schema.ColumnBinding;
import io.milvusimport.schema.FieldConstant;
import io.milvusimport.schema.RowLayout;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row-based JSON, {@code {"rows": [{...}, ...]}}: the import format every Milvus since 2.2 reads.
 * Each row is encoded into a small reusable buffer first and copied to the file only when all its
 * values pass, so a file never holds half a row and {@code invalidRows=skip} can drop a row
 * cleanly. Memory is that buffer plus the stream's, never the file.
 */
final class JsonRowsEncoder implements RowFileEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRowsEncoder.class);
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();
  private static final byte[] HEADER = "{\"rows\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FOOTER = "]}".getBytes(StandardCharsets.UTF_8);

  private final ColumnBinding[] bindings;
  private final JsonValueWriter[] writers;
  private final FieldConstant[] constants;
  private final MetaJsonWriter meta;
  private final RowRejections rejections;
  private final RowBuffer buffer = new RowBuffer();
  private JsonGenerator row;
  private CountingStream out;
  private long rowsInFile;

  JsonRowsEncoder(RowLayout layout, int partition, boolean skipInvalid) {
    List<ColumnBinding> all = layout.bindings();
    this.bindings = all.toArray(new ColumnBinding[0]);
    this.writers = new JsonValueWriter[bindings.length];
    Set<String> topLevel = new HashSet<>();
    ColumnBinding metaBinding = null;
    for (int i = 0; i < bindings.length; i++) {
      if (bindings[i].role() == ColumnBinding.Role.META) {
        metaBinding = bindings[i];
      } else {
        writers[i] = JsonFieldWriters.forBinding(bindings[i]);
        topLevel.add(bindings[i].key());
      }
    }
    this.constants = layout.constants().toArray(new FieldConstant[0]);
    for (FieldConstant constant : constants) {
      topLevel.add(constant.field().name());
    }
    this.meta = metaBinding == null ? null : new MetaJsonWriter(metaBinding, topLevel);
    this.rejections = new RowRejections(partition, skipInvalid);
    this.row = newRowGenerator();
  }

  @Override
  public void start(ImportFileOutput file) throws IOException {
    out = new CountingStream(file.create(".json"));
    out.write(HEADER);
    rowsInFile = 0;
  }

  @Override
  public boolean write(InternalRow data, long rowIndex) throws IOException {
    int current = -1;
    if (rowsInFile > 0) {
      // The separator goes into the row buffer so each row reaches the file in one write; a
      // rejected row resets the buffer, separator included.
      buffer.write(',');
    }
    try {
      row.writeStartObject();
      for (current = 0; current < bindings.length; current++) {
        writeColumn(data, current);
      }
      for (FieldConstant constant : constants) {
        row.writeFieldName(constant.field().name());
        row.writeRawValue(constant.json());
      }
      row.writeEndObject();
      row.flush();
    } catch (ValueProblem problem) {
      return reject(bindings[current], problem, rowIndex);
    }
    rowsInFile++;
    buffer.writeTo(out);
    buffer.reset();
    return true;
  }

  private void writeColumn(InternalRow data, int i) throws IOException {
    ColumnBinding binding = bindings[i];
    int ordinal = binding.ordinal();
    if (data.isNullAt(ordinal)) {
      if (binding.field() == null) {
        return;
      }
      if (!binding.field().nullable() && !binding.field().hasDefault()) {
        throw RowRejections.nullInRequiredField();
      }
      row.writeFieldName(binding.key());
      row.writeNull();
      return;
    }
    row.writeFieldName(binding.key());
    if (binding.role() == ColumnBinding.Role.META) {
      meta.write(data, ordinal, row);
    } else {
      writers[i].write(data, ordinal, row);
    }
  }

  private boolean reject(ColumnBinding binding, ValueProblem problem, long rowIndex) {
    row = newRowGenerator();
    buffer.reset();
    rejections.reject(binding, problem, rowIndex);
    return false;
  }

  @Override
  public SkippedRows skipped() {
    return rejections.skipped();
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.debug("Closing an abandoned JSON file failed", e);
      }
    }
  }

  @Override
  public long bytes() {
    return out.count;
  }

  @Override
  public void finish() throws IOException {
    try {
      out.write(FOOTER);
      out.flush();
    } finally {
      out.close();
      out = null;
    }
  }

  private JsonGenerator newRowGenerator() {
    try {
      JsonGenerator generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
      generator.setRootValueSeparator(null);
      generator.setCodec(ScalarJsonWriters.STRICT_JSON);
      return generator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a JSON generator on memory", e);
    }
  }

  /** The current row's bytes; reused for every row. */
  private static final class RowBuffer extends ByteArrayOutputStream {
    RowBuffer() {
      super(8192);
    }

    @Override
    public synchronized void writeTo(OutputStream target) throws IOException {
      target.write(buf, 0, count);
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
