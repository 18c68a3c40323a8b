package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the columns of one column-based import file (a numpy group, the seed design's JSON+numpy
 * group) into the stand-in's rows. Columns must have equal row counts: Milvus's {@code
 * importv2/util.go} {@code CheckRowsEqual} (2.4-2.6) fails with "imported rows are not aligned,
 * field 'a' with 'n' rows, field 'b' with 'm' rows" (base = first provided field in schema order
 * here; Milvus takes a map's first entry). Fields without a column get their default value or null
 * (only nullable/default fields may be absent, checked by the callers); an autoID primary key is
 * generated; the dynamic field defaults to {@code {}} ({@code common.FillDynamicData}).
 */
final class ColumnRows {
  /** One column: a field and its values, read one row at a time. */
  interface Column {
    FieldSpec field();

    long rows();

    Object next();
  }

  private ColumnRows() {}

  /** A pseudo field for {@code $meta} (Milvus's dynamic JSON field). */
  static FieldSpec metaField() {
    return new FieldSpec(
        RowParser.META, 0, "JSON", null, false, false, false, false, false, null, null, null, null);
  }

  static List<Map<String, Object>> assemble(CollectionSpec c, List<Column> columns) {
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column col : columns) {
      byName.put(col.field().name, col);
    }
    List<Column> ordered = new ArrayList<>();
    for (FieldSpec f : c.fields) {
      if (byName.containsKey(f.name)) {
        ordered.add(byName.get(f.name));
      }
    }
    if (byName.containsKey(RowParser.META)) {
      ordered.add(byName.get(RowParser.META));
    }
    long rows = ordered.isEmpty() ? 0 : ordered.get(0).rows();
    for (Column col : ordered) {
      if (col.rows() != rows) {
        throw failed(
            "imported rows are not aligned, field '"
                + ordered.get(0).field().name
                + "' with '"
                + rows
                + "' rows, field '"
                + col.field().name
                + "' with '"
                + col.rows()
                + "' rows");
      }
    }
    ValueParser values = new ValueParser(c.timezone);
    List<Map<String, Object>> out = new ArrayList<>();
    for (long r = 0; r < rows; r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (FieldSpec f : c.fields) {
        Column col = byName.get(f.name);
        if (f.primaryKey && f.autoId) {
          row.put(f.name, RowParser.nextAutoId());
        } else if (f.functionOutput) {
          continue;
        } else if (col != null) {
          row.put(f.name, col.next());
        } else {
          row.put(f.name, f.hasDefault() ? values.defaultValue(f) : null);
        }
      }
      if (c.enableDynamicField) {
        Column meta = byName.get(RowParser.META);
        row.put(RowParser.META, meta == null ? JsonNodeFactory.instance.objectNode() : meta.next());
      }
      out.add(row);
    }
    return out;
  }
}
