package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.WritePlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The {@code format=auto} resolver: npy when it fits, else parquet, else json, with the reason. */
class FormatChoiceTest {
  private static final StructType DOCS_FRAME =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("text", DataTypes.StringType, false);

  private static List<MilvusField> docsFields() {
    List<MilvusField> fields = new ArrayList<>();
    fields.add(MilvusField.builder("id", "Int64").primaryKey(true).build());
    fields.add(MilvusField.builder("embedding", "FloatVector").dim(4).build());
    fields.add(MilvusField.builder("text", "VarChar").maxLength(64).build());
    return fields;
  }

  private static FormatChoice choose(List<MilvusField> fields, boolean dynamic, StructType frame) {
    return choose(fields, dynamic, frame, PlanSettings.none());
  }

  private static FormatChoice choose(
      List<MilvusField> fields, boolean dynamic, StructType frame, PlanSettings settings) {
    CollectionSchema collection = new CollectionSchema("default", "docs", fields, dynamic);
    return FormatChoice.auto(collection, WritePlanner.plan(collection, frame, settings), frame);
  }

  @Test
  void denseVectorsWithNonNullableColumnsChooseNpy() {
    FormatChoice choice = choose(docsFields(), false, DOCS_FRAME);

    assertThat(choice.format()).isEqualTo("npy");
    assertThat(choice.reason()).contains("every field fits NumPy column groups");
  }

  @Test
  void aDynamicFieldStillChoosesNpyWhoseGroupsCarryMeta() {
    FormatChoice choice =
        choose(docsFields(), true, DOCS_FRAME.add("color", DataTypes.StringType, false));

    assertThat(choice.format()).isEqualTo("npy");
  }

  @Test
  void autoIdKeysAndFunctionOutputsDoNotRuleNpyOut() {
    List<MilvusField> fields = docsFields();
    fields.set(0, MilvusField.builder("id", "Int64").primaryKey(true).autoId(true).build());
    fields.add(MilvusField.builder("sparse", "SparseFloatVector").functionOutput(true).build());
    StructType frame =
        new StructType(
            new org.apache.spark.sql.types.StructField[] {
              DOCS_FRAME.fields()[1], DOCS_FRAME.fields()[2]
            });

    assertThat(choose(fields, false, frame).format()).isEqualTo("npy");
  }

  @Test
  void aColumnThatMayHoldNullsForANullableFieldChoosesParquetNamingIt() {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("note", "VarChar").maxLength(16).nullable(true).build());

    FormatChoice choice = choose(fields, false, DOCS_FRAME.add("note", DataTypes.StringType, true));

    assertThat(choice.format()).isEqualTo("parquet");
    assertThat(choice.reason())
        .startsWith("npy is ruled out: column 'note' may hold nulls for nullable field 'note'");
  }

  @Test
  void aNonNullableColumnForANullableFieldStillChoosesNpy() {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("note", "VarChar").maxLength(16).nullable(true).build());

    FormatChoice choice =
        choose(fields, false, DOCS_FRAME.add("note", DataTypes.StringType, false));

    assertThat(choice.format()).isEqualTo("npy");
  }

  @Test
  void aNullableFieldWithoutAColumnChoosesParquetSinceMilvus24And25WantEveryFile() {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("note", "VarChar").maxLength(16).nullable(true).build());
    fields.add(MilvusField.builder("rank", "Int32").hasDefault(true).build());

    FormatChoice choice = choose(fields, false, DOCS_FRAME);

    assertThat(choice.format()).isEqualTo("parquet");
    assertThat(choice.reason())
        .contains("nullable field 'note' has no column")
        .contains("Milvus 2.4 and 2.5 refuse")
        .endsWith("(and 1 more)");
  }

  @Test
  void aConstantForANullableFieldKeepsNpy() throws Exception {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("rank", "Int32").nullable(true).build());
    PlanSettings settings =
        new PlanSettings(null, true, Map.of(), Map.of("rank", new ObjectMapper().readTree("7")));

    assertThat(choose(fields, false, DOCS_FRAME, settings).format()).isEqualTo("npy");
  }

  @Test
  void anArrayFieldChoosesParquetNamingTheField() {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("tags", "Array").elementType("Int16").maxCapacity(4).build());
    StructType frame =
        DOCS_FRAME.add("tags", DataTypes.createArrayType(DataTypes.ShortType, false), false);

    FormatChoice choice = choose(fields, false, frame);

    assertThat(choice.format()).isEqualTo("parquet");
    assertThat(choice.reason())
        .startsWith("npy is ruled out: field 'tags' (Array")
        .contains("cannot be stored in NumPy files");
  }

  @Test
  void aSparseVectorChoosesParquet() {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("sparse", "SparseFloatVector").build());
    StructType frame =
        DOCS_FRAME.add(
            "sparse",
            DataTypes.createMapType(DataTypes.LongType, DataTypes.FloatType, false),
            false);

    FormatChoice choice = choose(fields, false, frame);

    assertThat(choice.format()).isEqualTo("parquet");
    assertThat(choice.reason()).contains("field 'sparse' (SparseFloatVector)");
  }

  @Test
  void aConstantForAnArrayFieldFallsBackToJsonAndSaysWhyParquetIsOut() throws Exception {
    List<MilvusField> fields = docsFields();
    fields.add(MilvusField.builder("tags", "Array").elementType("Int16").maxCapacity(4).build());
    PlanSettings settings =
        new PlanSettings(
            null, true, Map.of(), Map.of("tags", new ObjectMapper().readTree("[1, 2]")));

    FormatChoice choice = choose(fields, false, DOCS_FRAME, settings);

    assertThat(choice.format()).isEqualTo("json");
    assertThat(choice.reason())
        .contains("npy is ruled out: field 'tags' (Array")
        .contains("parquet is ruled out too: defaultValues for Array field 'tags'")
        .contains("falling back to row JSON");
  }
}
