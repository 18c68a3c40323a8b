package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A collection of the stand-in: schema parsed from the REST v2 create body, partitions and the rows
 * of completed import jobs. Guarded by its own monitor.
 */
final class CollectionSpec {
  private static final AtomicLong IDS = new AtomicLong(460_000_000_000_000_000L);

  final String db;
  final String name;
  final long collectionId = IDS.incrementAndGet();
  final boolean autoId;
  final boolean enableDynamicField;
  final List<FieldSpec> fields;
  final ArrayNode functions;
  final String consistencyLevel;
  final int shardsNum;

  /**
   * The collection's {@code timezone} property (Milvus 2.6 {@code common.TimezoneKey}, default
   * "UTC"): taken from the create body's {@code properties} ({@code [{key,value}]} or an object) or
   * {@code params}.
   */
  String timezone = TimestampTz.DEFAULT_TIMEZONE;

  /**
   * The create body's {@code indexParams} ({@code fieldName, indexName, metricType, indexType,
   * params}), as Milvus builds them right after the create.
   */
  ArrayNode indexes = JsonNodeFactory.instance.arrayNode();

  private final Map<String, List<Map<String, Object>>> partitions = new LinkedHashMap<>();

  /** Rows per partition that the last flush persisted (a prefix: rows are only appended). */
  private final Map<String, Integer> flushed = new LinkedHashMap<>();

  private CollectionSpec(
      String db,
      String name,
      boolean autoId,
      boolean dynamic,
      List<FieldSpec> fields,
      ArrayNode functions,
      String consistencyLevel,
      int shardsNum) {
    this.db = db;
    this.name = name;
    this.autoId = autoId;
    this.enableDynamicField = dynamic;
    this.fields = fields;
    this.functions = functions;
    this.consistencyLevel = consistencyLevel;
    this.shardsNum = shardsNum;
    partitions.put("_default", new ArrayList<>());
  }

  /** Parses {@code /v2/vectordb/collections/create}'s body (schema form or quick-setup form). */
  static CollectionSpec fromCreateBody(String db, String name, JsonNode body) {
    JsonNode schema = body.path("schema");
    String consistency = body.path("params").path("consistencyLevel").asText("Bounded");
    int shards = body.path("params").path("shardsNum").asInt(1);
    if (schema.isMissingNode() || schema.isNull()) {
      return quickSetup(db, name, body, consistency, shards);
    }
    boolean autoId = schema.path("autoID").asBoolean(schema.path("autoId").asBoolean(false));
    boolean dynamic = schema.path("enableDynamicField").asBoolean(false);
    List<FieldSpec> fields = new ArrayList<>();
    long id = 100;
    for (JsonNode f : schema.path("fields")) {
      fields.add(parseField(f, id++, autoId));
    }
    if (fields.stream().noneMatch(f -> f.primaryKey)) {
      throw MilvusErrors.parameterInvalid("schema does not contain primary key field");
    }
    ArrayNode functions = JsonNodeFactory.instance.arrayNode();
    for (JsonNode fn : schema.path("functions")) {
      functions.add(fn);
      for (JsonNode out : fn.path("outputFieldNames")) {
        for (FieldSpec f : fields) {
          if (f.name.equals(out.asText())) {
            f.functionOutput = true;
          }
        }
      }
    }
    CollectionSpec spec =
        new CollectionSpec(db, name, autoId, dynamic, fields, functions, consistency, shards);
    spec.timezone = timezoneProperty(body);
    for (JsonNode index : body.path("indexParams")) {
      String field = index.path("fieldName").asText("");
      if (fields.stream().noneMatch(f -> f.name.equals(field))) {
        // proxy's index task: "cannot create index on non-exist field: <name>"
        throw MilvusErrors.parameterInvalid("cannot create index on non-exist field: " + field);
      }
      ObjectNode copy = (ObjectNode) index.deepCopy();
      if (!copy.hasNonNull("indexName")) {
        copy.put("indexName", field);
      }
      spec.indexes.add(copy);
    }
    return spec;
  }

  private static String timezoneProperty(JsonNode body) {
    JsonNode props = body.path("properties");
    if (props.isArray()) {
      for (JsonNode kv : props) {
        if ("timezone".equals(kv.path("key").asText())) {
          return kv.path("value").asText();
        }
      }
    } else if (props.hasNonNull("timezone")) {
      return props.get("timezone").asText();
    }
    return body.path("params").path("timezone").asText(TimestampTz.DEFAULT_TIMEZONE);
  }

  private static CollectionSpec quickSetup(
      String db, String name, JsonNode body, String consistency, int shards) {
    if (!body.hasNonNull("dimension")) {
      throw MilvusErrors.missingParameter("CollectionReq", "Dimension");
    }
    String pk = body.path("primaryFieldName").asText("id");
    String vec = body.path("vectorFieldName").asText("vector");
    boolean varcharPk = "VarChar".equalsIgnoreCase(body.path("idType").asText("Int64"));
    boolean autoId = body.path("autoID").asBoolean(false);
    List<FieldSpec> fields = new ArrayList<>();
    Integer maxLen = varcharPk ? body.path("params").path("max_length").asInt(65535) : null;
    fields.add(
        new FieldSpec(
            pk,
            100,
            varcharPk ? "VarChar" : "Int64",
            null,
            true,
            false,
            false,
            autoId,
            false,
            null,
            null,
            maxLen,
            null));
    fields.add(
        new FieldSpec(
            vec,
            101,
            "FloatVector",
            null,
            false,
            false,
            false,
            false,
            false,
            null,
            body.path("dimension").asInt(),
            null,
            null));
    return new CollectionSpec(
        db, name, autoId, true, fields, JsonNodeFactory.instance.arrayNode(), consistency, shards);
  }

  private static FieldSpec parseField(JsonNode f, long id, boolean schemaAutoId) {
    String name = f.path("fieldName").asText(null);
    if (name == null || name.isEmpty()) {
      throw MilvusErrors.missingParameter("FieldSchema", "FieldName");
    }
    String type = FieldSpec.canonicalType(f.path("dataType").asText(null));
    if (type == null) {
      throw MilvusErrors.parameterInvalid(
          "invalid data type: " + f.path("dataType").asText() + " of field " + name);
    }
    String elementType = null;
    if ("Array".equals(type)) {
      elementType = FieldSpec.canonicalType(f.path("elementDataType").asText(null));
      if (elementType == null) {
        throw MilvusErrors.parameterInvalid("element data type of array field " + name);
      }
    }
    JsonNode p = f.path("elementTypeParams");
    Integer dim = intParam(p, "dim");
    Integer maxLength = intParam(p, "max_length");
    Integer maxCapacity = intParam(p, "max_capacity");
    boolean primary = f.path("isPrimary").asBoolean(false);
    if (f.path("isPrimary").isMissingNode()) {
      primary = f.path("isPrimaryKey").asBoolean(false);
    }
    if (("VarChar".equals(type) || "VarChar".equals(elementType)) && maxLength == null) {
      throw MilvusErrors.parameterInvalid(
          "type param(max_length) should be specified for the field(" + name + ")");
    }
    if (f.path("dataType").asText().endsWith("Vector")
        && !"SparseFloatVector".equals(type)
        && dim == null) {
      throw MilvusErrors.parameterInvalid("dimension is not defined in field type params");
    }
    JsonNode def = f.get("defaultValue");
    boolean autoId = primary && (schemaAutoId || f.path("autoID").asBoolean(false));
    return new FieldSpec(
        name,
        id,
        type,
        elementType,
        primary,
        f.path("isPartitionKey").asBoolean(false),
        f.path("isClusteringKey").asBoolean(false),
        autoId,
        f.path("nullable").asBoolean(false),
        def == null || def.isNull() ? null : def,
        dim,
        maxLength,
        maxCapacity);
  }

  private static Integer intParam(JsonNode params, String key) {
    JsonNode v = params.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isNumber() ? v.asInt() : Integer.valueOf(v.asText().trim());
  }

  FieldSpec field(String fieldName) {
    for (FieldSpec f : fields) {
      if (f.name.equals(fieldName)) {
        return f;
      }
    }
    return null;
  }

  FieldSpec primaryField() {
    return fields.stream().filter(f -> f.primaryKey).findFirst().orElseThrow();
  }

  boolean hasPartitionKey() {
    return fields.stream().anyMatch(f -> f.partitionKey);
  }

  synchronized boolean hasPartition(String partition) {
    return partitions.containsKey(partition);
  }

  synchronized void createPartition(String partition) {
    partitions.putIfAbsent(partition, new ArrayList<>());
  }

  synchronized List<String> partitionNames() {
    return new ArrayList<>(partitions.keySet());
  }

  /** Adds all rows at once (one job's rows become visible atomically). */
  synchronized void addRows(String partition, List<Map<String, Object>> rows) {
    partitions.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(rows);
  }

  synchronized List<Map<String, Object>> rows(String partition) {
    if (partition == null) {
      List<Map<String, Object>> all = new ArrayList<>();
      partitions.values().forEach(all::addAll);
      return Collections.unmodifiableList(all);
    }
    return Collections.unmodifiableList(
        new ArrayList<>(partitions.getOrDefault(partition, Collections.emptyList())));
  }

  /** {@code collections/flush}: every row imported so far is persisted. */
  synchronized void flush() {
    partitions.forEach((p, rows) -> flushed.put(p, rows.size()));
  }

  /** The rows the last flush persisted, per partition (all partitions, some maybe empty). */
  synchronized Map<String, List<Map<String, Object>>> flushedRows() {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    partitions.forEach(
        (p, rows) -> out.put(p, new ArrayList<>(rows.subList(0, flushed.getOrDefault(p, 0)))));
    return out;
  }

  /** A new, empty collection with this one's schema: the target of a snapshot restore. */
  synchronized CollectionSpec withSchemaOf(String targetDb, String targetName) {
    CollectionSpec copy =
        new CollectionSpec(
            targetDb,
            targetName,
            autoId,
            enableDynamicField,
            fields,
            functions.deepCopy(),
            consistencyLevel,
            shardsNum);
    copy.timezone = timezone;
    return copy;
  }

  /** This collection under another name, with its rows and indexes ({@code collections/rename}). */
  synchronized CollectionSpec renamed(String newName) {
    CollectionSpec copy = withSchemaOf(db, newName);
    copy.indexes = indexes.deepCopy();
    copy.partitions.clear();
    partitions.forEach((p, rows) -> copy.partitions.put(p, new ArrayList<>(rows)));
    copy.flushed.putAll(flushed);
    return copy;
  }

  synchronized long rowCount() {
    return partitions.values().stream().mapToLong(List::size).sum();
  }
}
