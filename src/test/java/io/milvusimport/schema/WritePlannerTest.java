package io.milvusimport.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.milvusimport.SchemaMismatchException;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class WritePlannerTest {
  private static final MilvusField ID = MilvusField.builder("id", "Int64").primaryKey(true).build();
  private static final MilvusField VECTOR =
      MilvusField.builder("embedding", "FloatVector").dim(4).build();
  private static final MilvusField TEXT =
      MilvusField.builder("text", "VarChar").maxLength(16).build();

  private static PlanSettings settings(String partition) {
    return new PlanSettings(partition, true, java.util.Map.of(), java.util.Map.of());
  }

  private static CollectionSchema collection(boolean dynamic, MilvusField... fields) {
    return new CollectionSchema("default", "docs", List.of(fields), dynamic);
  }

  private static StructType frame(Object... nameTypePairs) {
    StructType type = new StructType();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      type =
          type.add(
              (String) nameTypePairs[i],
              (org.apache.spark.sql.types.DataType) nameTypePairs[i + 1]);
    }
    return type;
  }

  private static SchemaMismatchException mismatch(
      CollectionSchema schema, StructType df, String partition) {
    return catchThrowableOfType(
        () -> WritePlanner.plan(schema, df, settings(partition)), SchemaMismatchException.class);
  }

  @Test
  void bindsColumnsByNameWhateverTheirOrder() {
    RowLayout layout =
        WritePlanner.plan(
            collection(false, ID, VECTOR, TEXT),
            frame(
                "text",
                DataTypes.StringType,
                "embedding",
                DataTypes.createArrayType(DataTypes.FloatType),
                "id",
                DataTypes.LongType),
            settings(null));
    assertThat(layout.bindings())
        .extracting(ColumnBinding::key, ColumnBinding::ordinal)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", 2),
            org.assertj.core.groups.Tuple.tuple("embedding", 1),
            org.assertj.core.groups.Tuple.tuple("text", 0));
  }

  @Test
  void listsEveryProblemInOneMessage() {
    SchemaMismatchException e =
        mismatch(
            collection(false, ID, VECTOR, TEXT),
            frame(
                "id",
                DataTypes.StringType,
                "Embedding",
                DataTypes.createArrayType(DataTypes.FloatType),
                "extra",
                DataTypes.IntegerType),
            null);
    assertThat(e.problems()).hasSize(5);
    assertThat(e.getMessage())
        .contains("collection 'docs' (5 problems)")
        .contains(
            "column 'id' has Spark type string but field 'id' is Int64; accepted Spark types:"
                + " byte, short, int, long")
        .contains(
            "required field 'embedding' (FloatVector with dim 4) has no column in the"
                + " DataFrame (names are case-sensitive: did you mean 'Embedding'?)")
        .contains("required field 'text' (VarChar with max_length 16) has no column")
        .contains(
            "column 'extra' is not a field of collection 'docs' and the collection has no"
                + " dynamic field")
        .contains("column 'Embedding' is not a field");
  }

  @Test
  void rejectsColumnForAutoIdPrimaryKey() {
    MilvusField autoId = MilvusField.builder("id", "Int64").primaryKey(true).autoId(true).build();
    SchemaMismatchException e =
        mismatch(
            collection(false, autoId, VECTOR),
            frame(
                "id",
                DataTypes.LongType,
                "embedding",
                DataTypes.createArrayType(DataTypes.FloatType)),
            null);
    assertThat(e.getMessage())
        .contains(
            "column 'id' must be absent: field 'id' is the collection's auto-generated"
                + " primary key (autoID)")
        .contains("df.drop(\"id\")");
  }

  @Test
  void allowsAutoIdPrimaryKeyAndNullableFieldsToBeAbsent() {
    MilvusField autoId = MilvusField.builder("id", "Int64").primaryKey(true).autoId(true).build();
    MilvusField note = MilvusField.builder("note", "VarChar").maxLength(8).nullable(true).build();
    RowLayout layout =
        WritePlanner.plan(
            collection(false, autoId, VECTOR, note),
            frame("embedding", DataTypes.createArrayType(DataTypes.DoubleType)),
            settings(null));
    assertThat(layout.bindings()).extracting(ColumnBinding::key).containsExactly("embedding");
  }

  @Test
  void rejectsPartitionOptionForPartitionKeyCollection() {
    MilvusField tenant = MilvusField.builder("tenant", "Int64").partitionKey(true).build();
    SchemaMismatchException e =
        mismatch(
            collection(false, ID, tenant),
            frame("id", DataTypes.LongType, "tenant", DataTypes.LongType),
            "p1");
    assertThat(e.getMessage())
        .contains(
            "option 'partition' ('p1') cannot be used: collection 'docs' has partition key"
                + " field 'tenant'");
  }

  @Test
  void sendsUnknownColumnsToDynamicField() {
    RowLayout layout =
        WritePlanner.plan(
            collection(true, ID),
            frame("id", DataTypes.LongType, "color", DataTypes.StringType),
            settings(null));
    assertThat(layout.bindings())
        .extracting(ColumnBinding::key, ColumnBinding::dynamic)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", false),
            org.assertj.core.groups.Tuple.tuple("color", true));
  }

  @Test
  void rejectsSparkTypeThatCannotMap() {
    SchemaMismatchException e =
        mismatch(
            collection(false, ID, VECTOR),
            frame(
                "id",
                DataTypes.LongType,
                "embedding",
                DataTypes.createArrayType(DataTypes.StringType)),
            null);
    assertThat(e.getMessage())
        .contains(
            "column 'embedding' has Spark type array<string> but field 'embedding' is"
                + " FloatVector with dim 4; accepted Spark types: array<float>, array<double>");
  }

  private static SchemaMismatchException mismatchWith(
      CollectionSchema schema,
      StructType df,
      java.util.Map<String, String> mapping,
      String defaults)
      throws Exception {
    java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> values =
        new java.util.HashMap<>();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(defaults)
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    return catchThrowableOfType(
        () -> WritePlanner.plan(schema, df, new PlanSettings(null, true, mapping, values)),
        SchemaMismatchException.class);
  }

  @Test
  void reportsBadColumnMappingAndDefaultValues() throws Exception {
    MilvusField year = MilvusField.builder("year", "Int16").build();
    MilvusField autoId = MilvusField.builder("pk", "Int64").primaryKey(true).autoId(true).build();
    SchemaMismatchException e =
        mismatchWith(
            collection(false, autoId, VECTOR, TEXT, year),
            frame(
                "emb", DataTypes.createArrayType(DataTypes.FloatType),
                "title", DataTypes.StringType,
                "text", DataTypes.StringType),
            java.util.Map.of("emb", "embedding", "ghost", "x", "title", "text"),
            "{\"year\": 70000, \"pk\": 1, \"nope\": 2}");
    assertThat(e.getMessage())
        .contains(
            "option 'columnMapping' maps column 'ghost' to 'x', but the DataFrame has no"
                + " column 'ghost'")
        .contains("would both write 'text'")
        .contains("option 'defaultValues' gives field 'year' (Int16) the value 70000: out of range")
        .contains("option 'defaultValues' sets field 'pk', which Milvus fills itself")
        .contains("option 'defaultValues' names 'nope', which is not a field of collection 'docs'");
  }

  @Test
  void rejectsDefaultValueForFieldThatHasAColumn() throws Exception {
    SchemaMismatchException e =
        mismatchWith(
            collection(false, ID, TEXT),
            frame("id", DataTypes.LongType, "text", DataTypes.StringType),
            java.util.Map.of(),
            "{\"text\": \"x\"}");
    assertThat(e.getMessage())
        .contains("field 'text' gets both column 'text' and a value in option 'defaultValues'");
  }

  @Test
  void rejectsMetaColumnWithoutDynamicFieldAndMetaOfWrongType() {
    assertThat(
            mismatch(
                    collection(false, ID),
                    frame("id", DataTypes.LongType, "$meta", DataTypes.StringType),
                    null)
                .getMessage())
        .contains(
            "column '$meta' is not a field of collection 'docs' and the collection has no"
                + " dynamic field");
    assertThat(
            mismatch(
                    collection(true, ID),
                    frame("id", DataTypes.LongType, "$meta", DataTypes.LongType),
                    null)
                .getMessage())
        .contains(
            "column '$meta' has Spark type bigint; the dynamic field takes a string holding"
                + " a JSON object, a struct or a map<string, ...>");
  }

  @Test
  void rejectsDecimalTooPreciseForFloat() {
    MilvusField score = MilvusField.builder("score", "Float").build();
    assertThat(
            mismatch(
                    collection(false, ID, score),
                    frame("id", DataTypes.LongType, "score", DataTypes.createDecimalType(12, 4)),
                    null)
                .getMessage())
        .contains(
            "column 'score' has Spark type decimal(12,4) but field 'score' is Float;"
                + " accepted Spark types: float, double, decimal with at most 7 digits");
  }

  @Test
  void rejectsColumnForFunctionOutputField() {
    MilvusField sparse =
        MilvusField.builder("text_sparse", "SparseFloatVector").functionOutput(true).build();
    assertThat(
            mismatch(
                    collection(false, ID, TEXT, sparse),
                    frame(
                        "id", DataTypes.LongType,
                        "text", DataTypes.StringType,
                        "text_sparse",
                            DataTypes.createMapType(DataTypes.IntegerType, DataTypes.FloatType)),
                    null)
                .getMessage())
        .contains(
            "column 'text_sparse' must be absent: field 'text_sparse' is the output of a"
                + " collection function (e.g. BM25)")
        .contains("df.drop(\"text_sparse\")");
  }
}
