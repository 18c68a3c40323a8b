package io.milvusimport.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.schema.ColumnBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Builds the {@code $meta} column of the column formats: one JSON object per row holding the
 * dynamic-field keys and the explicit {@code $meta} column's entries, which row JSON would spread
 * over the row itself.
 */
final class MetaTextReader {
  private final ColumnBinding[] keys;
  private final JsonValueWriter[] keyWriters;
  private final ColumnBinding metaBinding;
  private final MetaJsonWriter metaWriter;
  private final JsonTextReader.Buffer buffer = new JsonTextReader.Buffer();
  private JsonGenerator gen;
  private ColumnBinding current;

  MetaTextReader(List<ColumnBinding> dynamic, Set<String> topLevel) {
    this.keys =
        dynamic.stream()
            .filter(b -> b.role() == ColumnBinding.Role.DYNAMIC_KEY)
            .toArray(ColumnBinding[]::new);
    this.keyWriters = new JsonValueWriter[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keyWriters[i] = DocumentJsonWriter.forType(keys[i].sparkType());
    }
    this.metaBinding =
        dynamic.stream().filter(b -> b.role() == ColumnBinding.Role.META).findFirst().orElse(null);
    this.metaWriter = metaBinding == null ? null : new MetaJsonWriter(metaBinding, topLevel);
    this.gen = newGenerator();
  }

  /** Reads the row's dynamic keys into {@code slot} as one JSON object's text. */
  void read(InternalRow row, ColumnSlot slot) {
    buffer.reset();
    try {
      gen.writeStartObject();
      for (int i = 0; i < keys.length; i++) {
        current = keys[i];
        if (!row.isNullAt(current.ordinal())) {
          gen.writeFieldName(current.key());
          keyWriters[i].write(row, current.ordinal(), gen);
        }
      }
      current = metaBinding;
      if (metaBinding != null && !row.isNullAt(metaBinding.ordinal())) {
        JsonNode explicit = explicitMeta(row);
        for (Iterator<Map.Entry<String, JsonNode>> it = explicit.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          gen.writeFieldName(entry.getKey());
          gen.writeTree(entry.getValue());
        }
      }
      gen.writeEndObject();
      gen.flush();
    } catch (ValueProblem problem) {
      gen = newGenerator();
      throw problem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    slot.isNull = false;
    slot.copyText(buffer.array(), 0, buffer.size());
  }

  /** The binding being read when the last {@link #read} failed. */
  ColumnBinding current() {
    return current;
  }

  private JsonNode explicitMeta(InternalRow row) throws IOException {
    JsonTextReader.Buffer text = new JsonTextReader.Buffer();
    try (JsonGenerator meta =
        ScalarJsonWriters.STRICT_JSON.getFactory().createGenerator(text, JsonEncoding.UTF8)) {
      metaWriter.write(row, metaBinding.ordinal(), meta);
    }
    return ScalarJsonWriters.STRICT_JSON.readTree(text.toByteArray());
  }

  private JsonGenerator newGenerator() {
    return JsonTextReader.generatorOn(buffer);
  }
}
