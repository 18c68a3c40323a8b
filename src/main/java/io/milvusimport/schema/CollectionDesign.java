package io.milvusimport.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.InvalidOptionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A collection to create from a DataFrame: the fields follow the columns' Spark types (the mapping
 * of docs/types.md read backwards), and {@link DesignKeys} settings say what a type cannot (primary
 * key, vector dimensions, lengths, capacities, nullability, partition key, dynamic field, shards,
 * indexes). Everything missing is reported in one {@link InvalidOptionException} before anything is
 * created, so a user fixes the options once. Every vector field gets an index (AUTOINDEX by
 * default), so the collection can be loaded and searched right after the import. Used by {@code
 * df.write} modes that create a collection and by the Milvus catalog's CREATE TABLE.
 */
public final class CollectionDesign {
  private final String collection;
  private final List<MilvusField> fields;
  private final boolean autoId;
  private final boolean dynamicField;
  private final int shardsNum;
  private final List<VectorIndex> indexes;

  private CollectionDesign(
      String collection,
      List<MilvusField> fields,
      boolean autoId,
      boolean dynamicField,
      int shardsNum,
      List<VectorIndex> indexes) {
    this.collection = collection;
    this.fields = Collections.unmodifiableList(fields);
    this.autoId = autoId;
    this.dynamicField = dynamicField;
    this.shardsNum = shardsNum;
    this.indexes = Collections.unmodifiableList(indexes);
  }

  /**
   * Designs {@code collection} from {@code schema} and {@code props} ({@link DesignKeys}, names in
   * any case; other keys are ignored).
   *
   * @throws InvalidOptionException naming every missing or wrong setting at once
   */
  public static CollectionDesign fromSpark(
      String collection, StructType schema, Map<String, String> props) {
    List<String> problems = new ArrayList<>();
    DesignSettings settings = new DesignSettings(props, problems);
    String primaryKey = settings.text(DesignKeys.PRIMARY_KEY);
    boolean autoId = settings.bool(DesignKeys.AUTO_ID);
    String partitionKey = settings.text(DesignKeys.PARTITION_KEY);
    Set<String> nullable = new TreeSet<>();
    String nullableList = settings.text(DesignKeys.NULLABLE_FIELDS);
    if (nullableList != null) {
      for (String name : nullableList.split(",")) {
        nullable.add(name.trim());
      }
    }
    Set<String> columns = new TreeSet<>();
    for (StructField column : schema.fields()) {
      columns.add(column.name());
    }
    List<MilvusField> fields = new ArrayList<>();
    FieldDesigner designer = new FieldDesigner(settings, problems);
    if (primaryKey == null) {
      problems.add(
          "option '"
              + DesignKeys.PRIMARY_KEY
              + "' is required to create a collection: name the primary-key column"
              + (autoId
                  ? " (with autoId=true the DataFrame must not hold it; it becomes Int64)"
                  : "")
              + "; columns: "
              + columns);
    } else if (autoId) {
      if (columns.contains(primaryKey)) {
        problems.add(
            "column '"
                + primaryKey
                + "' is the autoId primary key: Milvus generates it, so drop it from the DataFrame"
                + " (df.drop(\""
                + primaryKey
                + "\"))");
      }
      fields.add(MilvusField.builder(primaryKey, "Int64").primaryKey(true).autoId(true).build());
    } else if (!columns.contains(primaryKey)) {
      problems.add(
          "option '"
              + DesignKeys.PRIMARY_KEY
              + "' = '"
              + primaryKey
              + "' names no column; columns: "
              + columns);
    }
    for (String name : nullable) {
      if (!columns.contains(name)) {
        problems.add(
            "option '" + DesignKeys.NULLABLE_FIELDS + "' names '" + name + "', which is no column");
      } else if (name.equals(primaryKey)) {
        problems.add("the primary key '" + name + "' cannot be nullable");
      }
    }
    if (partitionKey != null && !columns.contains(partitionKey)) {
      problems.add(
          "option '"
              + DesignKeys.PARTITION_KEY
              + "' = '"
              + partitionKey
              + "' names no column; columns: "
              + columns);
    }
    for (StructField column : schema.fields()) {
      boolean isPrimary = column.name().equals(primaryKey) && !autoId;
      MilvusField field =
          designer.field(
              column,
              isPrimary,
              column.name().equals(partitionKey),
              nullable.contains(column.name()));
      if (field != null) {
        fields.add(field);
      }
    }
    List<VectorIndex> indexes = new ArrayList<>();
    for (MilvusField field : fields) {
      if (FieldDesigner.isVector(field.type())) {
        indexes.add(VectorIndex.of(field, settings));
      }
    }
    if (indexes.isEmpty() && schema.fields().length > 0) {
      problems.add(
          "a Milvus collection needs at least one vector field, and no column maps to one"
              + " (array<float> -> FloatVector, binary -> BinaryVector, map<int,float> ->"
              + " SparseFloatVector, ...; option '"
              + DesignKeys.FIELD_TYPES
              + "' chooses another type)");
    }
    int shards = settings.whole(DesignKeys.SHARDS_NUM, 1, 64);
    if (!problems.isEmpty()) {
      throw new InvalidOptionException(
          "Cannot create collection '"
              + collection
              + "' from the DataFrame ("
              + problems.size()
              + " problem(s), see docs/save-modes.md):\n  - "
              + String.join("\n  - ", problems));
    }
    return new CollectionDesign(
        collection,
        fields,
        autoId,
        settings.bool(DesignKeys.ENABLE_DYNAMIC_FIELD),
        shards,
        indexes);
  }

  /** The collection's name. */
  public String collection() {
    return collection;
  }

  /** The designed fields, in column order (an autoId primary key first). */
  public List<MilvusField> fields() {
    return fields;
  }

  /** The body of {@code /v2/vectordb/collections/create}: schema, index params and shards. */
  public ObjectNode createRequest(String database) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("dbName", database);
    body.put("collectionName", collection);
    ObjectNode schema = body.putObject("schema");
    schema.put("autoID", autoId);
    schema.put("enableDynamicField", dynamicField);
    ArrayNode out = schema.putArray("fields");
    for (MilvusField field : fields) {
      out.add(FieldDesigner.toJson(field));
    }
    ArrayNode indexParams = body.putArray("indexParams");
    for (VectorIndex index : indexes) {
      indexParams.add(index.toJson());
    }
    if (shardsNum > 0) {
      body.putObject("params").put("shardsNum", shardsNum);
    }
    return body;
  }
}
