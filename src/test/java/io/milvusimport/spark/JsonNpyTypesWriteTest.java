package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seeds' column layout ({@code format=json-npy}: scalars in a column JSON file, vectors in
 * NumPy) against a stand-in in seed-design mode, and against a current one, which refuses it.
 */
@Tag("e2e")
class JsonNpyTypesWriteTest extends NpyTypesWriteTest {
  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().seedDesignFormats().stepDelay(Duration.ofMillis(20)));
  }

  @Override
  String format() {
    return "json-npy";
  }

  @Override
  List<String> expectedGroupFiles() {
    return List.of("columns.json", "v.npy");
  }

  @Test
  void currentMilvusRefusesTheSeedLayoutAndTheErrorSaysWhichFormatToUse() {
    try (ImportTestBed current = ImportTestBed.start()) {
      current
          .standIn()
          .createCollection("default", ImportTestBed.docsCollectionBody("seed_docs", 4, 64));
      Throwable thrown =
          catchThrowable(
              () ->
                  current
                      .writer(
                          current.docs(10, 4, 1),
                          "seed_docs",
                          "s3a://" + ImportTestBed.BUCKET + "/seed/")
                      .option("format", "json-npy")
                      .save());
      assertThat(thrown)
          .hasStackTraceContaining("inconsistency in file types")
          .hasStackTraceContaining("use format npy");
      assertThat(current.imported("seed_docs")).isEmpty();
      assertThat(current.stagedKeys("seed/")).isEmpty();
    }
  }

  @Test
  @Override
  void putsExtraColumnsAndExplicitMetaIntoTheDynamicField() {
    String c = collection(true);
    Throwable thrown =
        catchThrowable(() -> writer(c, columns("color", DataTypes.StringType), row("red")).save());
    assertThat(thrown)
        .isInstanceOf(io.milvusimport.SchemaMismatchException.class)
        .hasMessageContaining("column 'color' would go to the dynamic field")
        .hasMessageContaining("use format npy, parquet or json");
    assertThat(bed.imported(c)).isEmpty();
  }

  @Test
  @Override
  void rejectsKeyBothInMetaAndAtTopLevel() {
    putsExtraColumnsAndExplicitMetaIntoTheDynamicField();
  }

  @Test
  void writesScalarsAsColumnJson() {
    String c =
        collection(
            false,
            field("t", "VarChar", "\"elementTypeParams\":{\"max_length\":\"8\"}"),
            field("f", "Double", ""));
    writer(c, columns("t", DataTypes.StringType, "f", DataTypes.DoubleType), row("a\"b", 0.5))
        .save();
    assertThat(imported(c).get(0)).containsEntry("t", "a\"b").containsEntry("f", 0.5);
  }
}
