package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Not Milvus: the column groups of the Milvus 2.0/2.1 bulk-load design (the design this project
 * started from), accepted only in the stand-in's seed-design mode. One column-based JSON file with
 * any base name, {@code {"uid": [101, 102], "year": [2020, 2021]}}, holds scalar columns; each
 * other field is a {@code <field>.npy} file read by {@link NpyGroupReader}. JSON values follow the
 * row-based JSON rules of {@link ValueParser} ({@code null} only for nullable/default fields).
 * Texts are the stand-in's own (that design's server is long gone), except the ones shared with the
 * numpy reader.
 */
final class SeedDesignReader {
  private final CollectionSpec collection;
  private final FileSource source;

  SeedDesignReader(CollectionSpec collection, FileSource source) {
    this.collection = collection;
    this.source = source;
  }

  List<Map<String, Object>> read(String jsonPath, List<String> npyPaths) throws IOException {
    Object top;
    try (InputStream in = source.open(jsonPath)) {
      top = GoJson.parseText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (GoJson.SyntaxError e) {
      throw failed("failed to parse the column-based JSON file '" + jsonPath + "': " + e);
    }
    if (!(top instanceof Map)) {
      throw failed("the column-based JSON file '" + jsonPath + "' must hold one JSON object");
    }
    ValueParser values = new ValueParser(collection.timezone);
    List<ColumnRows.Column> columns = new ArrayList<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) top).entrySet()) {
      String name = String.valueOf(e.getKey());
      FieldSpec f = collection.field(name);
      if (f == null) {
        throw failed("the field '" + name + "' is not defined in schema");
      }
      if (f.primaryKey && f.autoId) {
        throw failed("the primary key '" + name + "' is auto-generated, no need to provide");
      }
      if (!(e.getValue() instanceof List)) {
        throw failed("the column '" + name + "' of a column-based JSON file must be a list");
      }
      for (String p : npyPaths) {
        if (p.endsWith("/" + name + ".npy") || p.equals(name + ".npy")) {
          throw failed("the field '" + name + "' is in both the JSON file and a numpy file");
        }
      }
      columns.add(column(f, (List<?>) e.getValue(), values));
    }
    return new NpyGroupReader(collection, source).read(npyPaths, columns);
  }

  private static ColumnRows.Column column(FieldSpec f, List<?> cells, ValueParser values) {
    Iterator<?> it = cells.iterator();
    return new ColumnRows.Column() {
      @Override
      public FieldSpec field() {
        return f;
      }

      @Override
      public long rows() {
        return cells.size();
      }

      @Override
      public Object next() {
        Object v = it.next();
        if (v == null && f.hasDefault()) {
          return values.defaultValue(f);
        }
        if (v == null && f.nullable) {
          return null;
        }
        if (v == null) {
          throw failed("value of field '" + f.name + "' is missed");
        }
        return values.parse(f, v);
      }
    };
  }
}
