package io.milvusimport.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.SchemaMismatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Matches a DataFrame to a collection by name (never by position), after renaming columns with
 * {@code columnMapping}, before any task runs. Every mismatch becomes one sentence, so the user
 * sees all problems at once instead of an hour into a server-side import.
 */
public final class WritePlanner {
  private static final String META = "$meta";

  private final CollectionSchema schema;
  private final PlanSettings settings;
  private final List<String> problems = new ArrayList<>();

  /** Milvus name (field, dynamic key or $meta) to the column ordinal that writes it. */
  private final Map<String, Integer> targets = new LinkedHashMap<>();

  private final StructField[] columns;

  private WritePlanner(CollectionSchema schema, StructType dataFrame, PlanSettings settings) {
    this.schema = schema;
    this.settings = settings;
    this.columns = dataFrame.fields();
  }

  /**
   * @throws SchemaMismatchException listing every problem
   */
  public static RowLayout plan(
      CollectionSchema schema, StructType dataFrame, PlanSettings settings) {
    return new WritePlanner(schema, dataFrame, settings).plan();
  }

  private RowLayout plan() {
    resolveTargets();
    List<ColumnBinding> bindings = new ArrayList<>();
    List<FieldConstant> constants = new ArrayList<>();
    for (MilvusField field : schema.fields()) {
      Integer ordinal = targets.remove(field.name());
      JsonNode constant = settings.defaultValues().get(field.name());
      if (ordinal == null) {
        if (constant != null) {
          addConstant(field, constant, constants);
        } else if (!field.mayBeAbsent()) {
          problems.add(
              "required field '"
                  + field.name()
                  + "' ("
                  + describe(field)
                  + ") has no column in the DataFrame"
                  + caseHint(field.name(), columnNames()));
        }
        continue;
      }
      StructField column = columns[ordinal];
      if (constant != null) {
        problems.add(
            "field '"
                + field.name()
                + "' gets both column '"
                + column.name()
                + "' and a value in option 'defaultValues'; remove one of them");
      }
      String problem = checkField(field, column);
      if (problem != null) {
        problems.add(problem);
      } else {
        bindings.add(ColumnBinding.field(ordinal, column.name(), column.dataType(), field));
      }
    }
    checkDefaultsNameFields();
    bindDynamic(bindings);
    checkPartition();
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException(schema.name(), problems);
    }
    return new RowLayout(schema.name(), bindings, constants);
  }

  /** Applies {@code columnMapping} and finds which column writes each Milvus name. */
  private void resolveTargets() {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < columns.length; i++) {
      if (byName.putIfAbsent(columns[i].name(), i) != null) {
        problems.add("column '" + columns[i].name() + "' appears more than once in the DataFrame");
      }
    }
    settings
        .columnMapping()
        .forEach(
            (column, field) -> {
              if (!byName.containsKey(column)) {
                problems.add(
                    "option 'columnMapping' maps column '"
                        + column
                        + "' to '"
                        + field
                        + "', but the DataFrame has no column '"
                        + column
                        + "'"
                        + caseHint(column, byName.keySet()));
              }
            });
    for (int i = 0; i < columns.length; i++) {
      if (byName.get(columns[i].name()) != i) {
        continue;
      }
      String target = settings.columnMapping().getOrDefault(columns[i].name(), columns[i].name());
      Integer previous = targets.putIfAbsent(target, i);
      if (previous != null) {
        problems.add(
            "columns '"
                + columns[previous].name()
                + "' and '"
                + columns[i].name()
                + "' would both write '"
                + target
                + "'; fix option 'columnMapping' or drop one");
      }
    }
  }

  private void addConstant(MilvusField field, JsonNode constant, List<FieldConstant> constants) {
    if (field.mustBeAbsent()) {
      problems.add(
          "option 'defaultValues' sets field '"
              + field.name()
              + "', which Milvus fills itself (autoID primary key or function output)");
      return;
    }
    String problem =
        field.type() == null
            ? "the field's type is unknown"
            : ConstantChecks.problem(field, constant);
    if (problem != null) {
      problems.add(
          "option 'defaultValues' gives field '"
              + field.name()
              + "' ("
              + describe(field)
              + ") the value "
              + RowChecks.shorten(constant.toString())
              + ": "
              + problem);
      return;
    }
    constants.add(new FieldConstant(field, constant.toString()));
  }

  private void checkDefaultsNameFields() {
    for (String name : settings.defaultValues().keySet()) {
      if (schema.field(name).isEmpty()) {
        problems.add(
            "option 'defaultValues' names '"
                + name
                + "', which is not a field of collection '"
                + schema.name()
                + "'");
      }
    }
  }

  /** Columns left after the fields: the dynamic field's keys and an explicit {@code $meta}. */
  private void bindDynamic(List<ColumnBinding> bindings) {
    for (Map.Entry<String, Integer> target : targets.entrySet()) {
      StructField column = columns[target.getValue()];
      String name = target.getKey();
      if (!schema.dynamicField()) {
        problems.add(
            "column '"
                + column.name()
                + "' is not a field of collection '"
                + schema.name()
                + "' and the collection has no dynamic field; drop the column, rename it with"
                + " option 'columnMapping', or enable the dynamic field"
                + caseHint(name, fieldNames()));
      } else if (name.equals(META)) {
        bindMeta(column, target.getValue(), bindings);
      } else if (!SparkTypeMapping.documentValue(column.dataType())) {
        problems.add(
            "column '"
                + column.name()
                + "' would go into the dynamic field, but its Spark type "
                + column.dataType().simpleString()
                + " has no JSON form; cast it to a string");
      } else {
        bindings.add(ColumnBinding.dynamicKey(target.getValue(), name, column.dataType()));
      }
    }
  }

  private void bindMeta(StructField column, int ordinal, List<ColumnBinding> bindings) {
    DataType type = column.dataType();
    boolean ok =
        type.equals(DataTypes.StringType)
            || (type instanceof StructType && SparkTypeMapping.documentValue(type))
            || (type instanceof MapType
                && ((MapType) type).keyType().equals(DataTypes.StringType)
                && SparkTypeMapping.documentValue(((MapType) type).valueType()));
    if (!ok) {
      problems.add(
          "column '$meta' has Spark type "
              + type.simpleString()
              + "; the dynamic field takes a"
              + " string holding a JSON object, a struct or a map<string, ...>");
      return;
    }
    if (type instanceof StructType) {
      for (String key : ((StructType) type).fieldNames()) {
        if (targets.containsKey(key) || schema.field(key).isPresent()) {
          problems.add(
              "key '"
                  + key
                  + "' is both inside column '$meta' and a column of its own; Milvus"
                  + " refuses duplicated keys");
        }
      }
    }
    bindings.add(ColumnBinding.meta(ordinal, type));
  }

  private void checkPartition() {
    String partition = settings.partition();
    if (partition == null) {
      return;
    }
    if (schema.hasPartitionKey()) {
      String key =
          schema.fields().stream().filter(MilvusField::partitionKey).findFirst().get().name();
      problems.add(
          "option 'partition' ('"
              + partition
              + "') cannot be used: collection '"
              + schema.name()
              + "' has partition key field '"
              + key
              + "', so Milvus chooses the partition of"
              + " each row itself; remove the option");
    } else if (!settings.partitionExists()) {
      problems.add(
          "partition '"
              + partition
              + "' (option 'partition') does not exist in collection '"
              + schema.name()
              + "'; create it first or leave the option out to use the default"
              + " partition");
    }
  }

  private static String checkField(MilvusField field, StructField column) {
    if (field.primaryKey() && field.autoId()) {
      return "column '"
          + column.name()
          + "' must be absent: field '"
          + field.name()
          + "' is the collection's auto-generated primary key (autoID), so Milvus assigns its"
          + " values; drop it with df.drop(\""
          + column.name()
          + "\")";
    }
    if (field.functionOutput()) {
      return "column '"
          + column.name()
          + "' must be absent: field '"
          + field.name()
          + "' is the output of a collection function (e.g. BM25), so Milvus computes it; drop"
          + " it with df.drop(\""
          + column.name()
          + "\")";
    }
    if (field.type() == null) {
      return "field '"
          + field.name()
          + "' has Milvus type "
          + field.typeName()
          + ", which this version of milvus-import does not know";
    }
    if (!SparkTypeMapping.accepts(field, column.dataType())) {
      return "column '"
          + column.name()
          + "' has Spark type "
          + column.dataType().simpleString()
          + " but field '"
          + field.name()
          + "' is "
          + describe(field)
          + "; accepted Spark types: "
          + SparkTypeMapping.acceptedSparkTypes(field);
    }
    return null;
  }

  static String describe(MilvusField field) {
    if (field.dim() > 0) {
      return field.typeName() + " with dim " + field.dim();
    }
    if (field.type() == MilvusType.ARRAY) {
      return "Array of "
          + field.elementType()
          + (field.maxCapacity() > 0 ? " with max_capacity " + field.maxCapacity() : "");
    }
    if (field.maxLength() > 0) {
      return field.typeName() + " with max_length " + field.maxLength();
    }
    return field.typeName();
  }

  private List<String> columnNames() {
    List<String> names = new ArrayList<>();
    for (StructField column : columns) {
      names.add(column.name());
    }
    return names;
  }

  private List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    schema.fields().forEach(f -> names.add(f.name()));
    return names;
  }

  /** Milvus names are case-sensitive; point out a near miss. */
  private static String caseHint(String name, Iterable<String> candidates) {
    for (String candidate : candidates) {
      if (!candidate.equals(name)
          && candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return " (names are case-sensitive: did you mean '" + candidate + "'?)";
      }
    }
    return "";
  }
}
