package io.milvusimport.schema;

import io.milvusimport.SchemaMismatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Matches a DataFrame to a collection by name (never by position) before any task runs, and turns
 * every mismatch into one sentence, so the user sees all problems at once instead of an hour into a
 * server-side import.
 */
public final class WritePlanner {
  private WritePlanner() {}

  /**
   * @param partition the partition option, or null
   * @param partitionExists whether that partition exists (ignored without one)
   * @throws SchemaMismatchException listing every problem
   */
  public static RowLayout plan(
      CollectionSchema schema, StructType dataFrame, String partition, boolean partitionExists) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> ordinals = new HashMap<>();
    StructField[] columns = dataFrame.fields();
    for (int i = 0; i < columns.length; i++) {
      if (ordinals.putIfAbsent(columns[i].name(), i) != null) {
        problems.add("column '" + columns[i].name() + "' appears more than once in the DataFrame");
      }
    }
    List<ColumnBinding> bindings = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (MilvusField field : schema.fields()) {
      Integer ordinal = ordinals.get(field.name());
      if (ordinal == null) {
        if (!field.mayBeAbsent()) {
          problems.add(
              "required field '"
                  + field.name()
                  + "' ("
                  + describe(field)
                  + ") has no column in the DataFrame"
                  + caseHint(field.name(), ordinals));
        }
        continue;
      }
      used.add(field.name());
      StructField column = columns[ordinal];
      String problem = checkField(field, column);
      if (problem != null) {
        problems.add(problem);
      } else {
        bindings.add(
            new ColumnBinding(ordinal, column.name(), ValueKind.of(column.dataType()), field));
      }
    }
    for (int i = 0; i < columns.length; i++) {
      StructField column = columns[i];
      if (used.contains(column.name()) || ordinals.get(column.name()) != i) {
        continue;
      }
      if (!schema.dynamicField()) {
        problems.add(
            "column '"
                + column.name()
                + "' is not a field of collection '"
                + schema.name()
                + "' and the collection has no dynamic field; drop the column or rename it"
                + caseHint(column.name(), fieldNames(schema)));
        continue;
      }
      ValueKind kind = ValueKind.of(column.dataType());
      if (!SparkTypeMapping.dynamicValue(kind)) {
        problems.add(
            "column '"
                + column.name()
                + "' would go into the dynamic field, but its Spark type "
                + column.dataType().simpleString()
                + " is not supported there; cast it to a"
                + " string, number or boolean");
        continue;
      }
      bindings.add(new ColumnBinding(i, column.name(), kind, null));
    }
    if (partition != null && !schema.hasPartitionKey() && !partitionExists) {
      problems.add(
          "partition '"
              + partition
              + "' (option 'partition') does not exist in collection '"
              + schema.name()
              + "'; create it first or leave the option out to use the default partition");
    }
    if (partition != null && schema.hasPartitionKey()) {
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
    }
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException(schema.name(), problems);
    }
    return new RowLayout(schema.name(), bindings);
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
    if (field.type() == null || !SparkTypeMapping.supported(field.type())) {
      return "field '"
          + field.name()
          + "' has Milvus type "
          + field.typeName()
          + ", which this version of milvus-import cannot write yet; drop column '"
          + column.name()
          + "' if the field is nullable or has a default value";
    }
    ValueKind kind = ValueKind.of(column.dataType());
    if (!SparkTypeMapping.accepts(field.type(), kind)) {
      return "column '"
          + column.name()
          + "' has Spark type "
          + column.dataType().simpleString()
          + " but field '"
          + field.name()
          + "' is "
          + describe(field)
          + "; accepted Spark types: "
          + SparkTypeMapping.acceptedSparkTypes(field.type());
    }
    return null;
  }

  private static String describe(MilvusField field) {
    if (field.dim() > 0) {
      return field.typeName() + " with dim " + field.dim();
    }
    if (field.maxLength() > 0) {
      return field.typeName() + " with max_length " + field.maxLength();
    }
    return field.typeName();
  }

  private static Map<String, Integer> fieldNames(CollectionSchema schema) {
    Map<String, Integer> names = new HashMap<>();
    schema.fields().forEach(f -> names.put(f.name(), 0));
    return names;
  }

  /** Milvus names are case-sensitive; point out a near miss. */
  private static String caseHint(String name, Map<String, Integer> candidates) {
    for (String candidate : candidates.keySet()) {
      if (!candidate.equals(name)
          && candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return " (names are case-sensitive: did you mean '" + candidate + "'?)";
      }
    }
    return "";
  }
}
