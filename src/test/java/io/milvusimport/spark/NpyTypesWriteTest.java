package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.SchemaMismatchException;
import io.milvusimport.format.HalfFloats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every Milvus type through {@code df.write()} with {@code format=npy}. Types NumPy files cannot
 * hold fail at plan time, before anything is staged, with a message pointing to another format.
 */
@Tag("e2e")
class NpyTypesWriteTest extends MilvusTypesWriteTest {
  @Override
  String format() {
    return "npy";
  }

  @Override
  float storedBFloat16(float value) {
    return HalfFloats.fromBFloat16(HalfFloats.toBFloat16(value));
  }

  private void assertRefusedAtPlanTime(String collection, StructType columns, String... problems) {
    Object[] nulls = new Object[columns.fields().length];
    Throwable thrown = catchThrowable(() -> writer(collection, columns, nulls).save());
    assertThat(thrown).isInstanceOf(SchemaMismatchException.class);
    for (String problem : problems) {
      assertThat(thrown).hasMessageContaining(problem);
    }
    assertThat(thrown).hasMessageContaining("use format parquet or json");
    assertThat(bed.imported(collection)).isEmpty();
  }

  @Test
  @Override
  void writesArraysOfScalars() {
    String c =
        collection(
            false,
            field(
                "ai",
                "Array",
                "\"elementDataType\":\"Int32\",\"elementTypeParams\":{\"max_capacity\":\"3\"}"));
    assertRefusedAtPlanTime(
        c,
        columns("ai", DataTypes.createArrayType(DataTypes.LongType)),
        "field 'ai' (Array) cannot be stored in NumPy files (format " + format() + ")");
  }

  @Test
  @Override
  void rejectsArrayOverCapacityAndNullElements() {
    writesArraysOfScalars();
  }

  @Test
  @Override
  void writesSparseVectorsFromMapStructAndMlVector() {
    String c = collection(false, field("sm", "SparseFloatVector", ""));
    assertRefusedAtPlanTime(
        c,
        columns("sm", DataTypes.createMapType(DataTypes.LongType, DataTypes.FloatType)),
        "field 'sm' (SparseFloatVector) cannot be stored in NumPy files");
  }

  @Test
  @Override
  void rejectsBadSparseEntries() {
    writesSparseVectorsFromMapStructAndMlVector();
  }

  @Test
  @Override
  void writesTimestamptzAsUtcMicroseconds() {
    String c = collection(false, field("ts", "Timestamptz", ""));
    assertRefusedAtPlanTime(
        c,
        columns("ts", DataTypes.TimestampType),
        "field 'ts' (Timestamptz) cannot be stored in NumPy files");
  }

  @Test
  @Override
  void writesNullsAndLeavesOutColumnsOfNullableAndDefaultFields() {
    String c =
        collection(
            false,
            field("n", "VarChar", "\"nullable\":true,\"elementTypeParams\":{\"max_length\":\"8\"}"),
            field("d", "Int32", "\"defaultValue\":42"));
    assertRefusedAtPlanTime(
        c,
        columns("n", DataTypes.StringType, "d", DataTypes.IntegerType),
        "column 'n' may hold nulls for nullable field 'n'",
        "column 'd' may hold nulls for nullable field 'd'");
  }

  @Test
  void writesNonNullColumnsIntoNullableFieldsAndLeavesOutAbsentOnes() {
    String c =
        collection(
            false,
            field("n", "VarChar", "\"nullable\":true,\"elementTypeParams\":{\"max_length\":\"8\"}"),
            field("d", "Int32", "\"defaultValue\":42"),
            field("absent", "Double", "\"nullable\":true"));
    StructType cols =
        new StructType()
            .add("n", DataTypes.StringType, false)
            .add("d", DataTypes.IntegerType, false);
    writer(c, cols, row("x", 7), row("y", 8)).save();
    List<Map<String, Object>> rows = imported(c);
    assertThat(rows).extracting(r -> r.get("n")).containsExactly("x", "y");
    assertThat(rows).extracting(r -> r.get("d")).containsExactly(7L, 8L);
    assertThat(rows).extracting(r -> r.get("absent")).containsOnlyNulls();
  }

  /** The files of one import file (group) of a collection of id, v and t. */
  List<String> expectedGroupFiles() {
    return List.of("id.npy", "v.npy", "t.npy");
  }

  @Test
  void groupsOneNpyFilePerFieldIntoEachImportFile() {
    String c =
        collection(false, field("t", "VarChar", "\"elementTypeParams\":{\"max_length\":\"8\"}"));
    writer(c, columns("t", DataTypes.StringType), row("a"), row("b"), row("c")).save();
    assertThat(bed.standIn().importRequests())
        .filteredOn(r -> c.equals(r.get("collectionName").asText()))
        .hasSize(1);
    for (List<String> group : importFiles(c)) {
      assertThat(group)
          .extracting(p -> p.substring(p.lastIndexOf('/') + 1))
          .containsExactlyInAnyOrderElementsOf(expectedGroupFiles());
      assertThat(group)
          .extracting(p -> p.substring(0, p.lastIndexOf('/')))
          .containsOnly(group.get(0).substring(0, group.get(0).lastIndexOf('/')));
    }
    assertThat(imported(c)).hasSize(3);
  }

  @Test
  void rollsToANewGroupWhenTheWholeGroupReachesMaxFileSize() {
    String c =
        collection(false, field("t", "VarChar", "\"elementTypeParams\":{\"max_length\":\"8\"}"));
    Object[][] rows = new Object[200][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row("row" + i);
    }
    writer(c, columns("t", DataTypes.StringType), rows).option("maxFileSize", "2k").save();
    // Two partitions: more than two groups means the tasks rolled.
    assertThat(importFiles(c)).hasSizeGreaterThan(2);
    assertThat(importedColumn(c, "id")).hasSize(200).doesNotHaveDuplicates();
  }

  /** The inner lists (import files, as paths) of every import request for a collection. */
  private static List<List<String>> importFiles(String collection) {
    List<List<String>> files = new ArrayList<>();
    for (JsonNode request : bed.standIn().importRequests()) {
      if (collection.equals(request.get("collectionName").asText())) {
        for (JsonNode group : request.get("files")) {
          List<String> paths = new ArrayList<>();
          group.forEach(p -> paths.add(p.asText()));
          files.add(paths);
        }
      }
    }
    return files;
  }
}
