package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row-level rules of Milvus's JSON import ({@code importutilv2/json/row_parser.go}, 2.5/2.6):
 * autoID primary key and function-output fields must be absent, unknown keys go to {@code $meta}
 * only with the dynamic field on (else fail, 2.4/2.5 behaviour), explicit {@code $meta} objects
 * merge but may not repeat a row-level key, nullable/default fields may be null or absent, other
 * fields are required. Texts (verified in milvus-io/milvus row_parser.go):
 *
 * <ul>
 *   <li>"the primary key '%s' is auto-generated, no need to provide: importing data failed"
 *   <li>"the field '%s' is output by function, no need to provide: importing data failed" (2.6)
 *   <li>"the field '%s' is not defined in schema: importing data failed"
 *   <li>"value of field '%s' is missed: importing data failed"
 *   <li>"duplicated key is not allowed, key=%s: importing data failed"
 *   <li>"illegal value for dynamic field, not a JSON format string / not a JSON object"
 *   <li>"invalid JSON format, each row should be a key-value map"
 * </ul>
 */
final class RowParser {
  private static final AtomicLong AUTO_IDS = new AtomicLong(450_000_000_000_000_000L);
  static final String META = "$meta";

  private final CollectionSpec collection;
  private final ValueParser values;

  /** The next auto-generated primary key (shared by every reader of the stand-in). */
  static long nextAutoId() {
    return AUTO_IDS.incrementAndGet();
  }

  RowParser(CollectionSpec collection) {
    this.collection = collection;
    this.values = new ValueParser(collection.timezone);
  }

  Map<String, Object> parse(Object raw) {
    if (!(raw instanceof Map)) {
      throw failed("invalid JSON format, each row should be a key-value map");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> in = (Map<String, Object>) raw;
    FieldSpec pk = collection.primaryField();
    if (pk.autoId && in.containsKey(pk.name)) {
      throw failed("the primary key '" + pk.name + "' is auto-generated, no need to provide");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    Map<String, Object> dynamic = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : in.entrySet()) {
      FieldSpec f = collection.field(e.getKey());
      if (f != null && f.functionOutput) {
        throw failed("the field '" + f.name + "' is output by function, no need to provide");
      }
      if (f != null && !(f.primaryKey && f.autoId)) {
        row.put(f.name, parseEntity(f, e.getValue()));
      } else if (collection.enableDynamicField) {
        dynamic.put(e.getKey(), e.getValue());
      } else {
        throw failed("the field '" + e.getKey() + "' is not defined in schema");
      }
    }
    for (FieldSpec f : collection.fields) {
      if (f.functionOutput || (f.primaryKey && f.autoId) || row.containsKey(f.name)) {
        continue;
      }
      if (f.hasDefault()) {
        row.put(f.name, values.defaultValue(f));
      } else if (f.nullable) {
        row.put(f.name, null);
      } else {
        throw failed("value of field '" + f.name + "' is missed");
      }
    }
    if (pk.autoId) {
      Map<String, Object> withId = new LinkedHashMap<>();
      withId.put(pk.name, AUTO_IDS.incrementAndGet());
      withId.putAll(row);
      row = withId;
    }
    if (collection.enableDynamicField) {
      row.put(META, combineDynamic(dynamic));
    }
    return row;
  }

  private Object parseEntity(FieldSpec f, Object v) {
    if (v == null && f.hasDefault()) {
      return values.defaultValue(f);
    }
    if (v == null && f.nullable) {
      return null;
    }
    return values.parse(f, v);
  }

  @SuppressWarnings("unchecked")
  private ObjectNode combineDynamic(Map<String, Object> dynamic) {
    if (dynamic.containsKey(META)) {
      Object meta = dynamic.remove(META);
      Map<String, Object> mp;
      if (meta instanceof String) {
        Object parsed;
        try {
          parsed = GoJson.parseText((String) meta);
        } catch (GoJson.SyntaxError e) {
          throw failed("illegal value for dynamic field, not a JSON format string");
        }
        if (!(parsed instanceof Map)) {
          throw failed("illegal value for dynamic field, not a JSON format string");
        }
        mp = (Map<String, Object>) parsed;
      } else if (meta instanceof Map) {
        mp = (Map<String, Object>) meta;
      } else {
        throw failed("illegal value for dynamic field, not a JSON object");
      }
      for (Map.Entry<String, Object> e : mp.entrySet()) {
        if (dynamic.containsKey(e.getKey())) {
          throw failed("duplicated key is not allowed, key=" + e.getKey());
        }
        dynamic.put(e.getKey(), e.getValue());
      }
    }
    JsonNode node = GoJson.toNode(dynamic);
    return (ObjectNode) node;
  }
}
