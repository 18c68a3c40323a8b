package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LogLines;
import io.milvusimport.testkit.PrintedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A write without option {@code format} ({@code auto}): npy when the collection and DataFrame fit
 * it, parquet when they do not, and the plan log and plan text say which and why. Asserted on the
 * files the stand-in was asked to import and read.
 */
@Tag("e2e")
class DefaultFormatWriteTest {
  private static final int DIM = 8;
  private static final String PLAN_LOGGER = "io.milvusimport.spark.MilvusWrite";
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  /** The paths of each import file (inner list) the write's create requests named. */
  private static List<List<String>> importFiles(String collection) {
    List<List<String>> files = new ArrayList<>();
    for (JsonNode request : createRequests(bed, collection)) {
      for (JsonNode file : request.get("files")) {
        List<String> paths = new ArrayList<>();
        file.forEach(p -> paths.add(p.asText()));
        files.add(paths);
      }
    }
    return files;
  }

  private static List<String> baseNames(List<String> paths) {
    return paths.stream()
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void defaultStagesNpyGroupsWhenTheCollectionAndDataFrameFit() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    List<String> printed;
    try (LogLines log = LogLines.of(PLAN_LOGGER);
        PrintedText text = new PrintedText(bed.spark())) {
      bed.writerWithDefaultFormat(bed.docs(600, DIM, 3), collection, s3Staging("auto-npy"))
          .option("keepStagedFiles", "true")
          .save();
      text.awaitWrites(1);
      printed = text.texts();

      assertThat(log.lines())
          .filteredOn(l -> l.contains("staging "))
          .singleElement()
          .asString()
          .startsWith("INFO Write ")
          .contains("staging npy files (format auto: every field fits NumPy column groups");
    }

    assertExactlyOnce(bed.imported(collection), 600, DIM);
    List<List<String>> files = importFiles(collection);
    assertThat(files).hasSize(3);
    for (List<String> group : files) {
      assertThat(baseNames(group)).containsExactly("embedding.npy", "id.npy", "text.npy");
      assertThat(group).allMatch(p -> p.startsWith("auto-npy/"));
    }
    assertThat(printed)
        .anyMatch(t -> t.contains("milvus-import into default." + collection + " (format npy)"));
    assertThat(bed.stagedKeys("auto-npy/")).hasSize(9).allMatch(k -> k.endsWith(".npy"));
    // The manifest records the chosen format, never auto.
    String manifest = bed.manifestKeys("auto-npy/").get(0);
    JsonNode recorded = new ObjectMapper().readTree(bed.s3().read(ImportTestBed.BUCKET, manifest));
    assertThat(recorded.path("format").asText()).isEqualTo("npy");
  }

  private static String notesCollection() {
    String name = "notes_" + System.nanoTime();
    bed.standIn()
        .createCollection(
            "default",
            "{\"collectionName\":\""
                + name
                + "\",\"schema\":{\"autoID\":false,\"enableDynamicField\":false,\"fields\":["
                + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
                + "{\"fieldName\":\"embedding\",\"dataType\":\"FloatVector\","
                + "\"elementTypeParams\":{\"dim\":\""
                + DIM
                + "\"}},"
                + "{\"fieldName\":\"note\",\"dataType\":\"VarChar\",\"nullable\":true,"
                + "\"elementTypeParams\":{\"max_length\":\"16\"}}]}}");
    return name;
  }

  @Test
  void defaultStagesParquetWhenANullableColumnRulesNpyOutAndTheLogNamesIt() {
    String collection = notesCollection();
    Dataset<Row> df =
        bed.docs(400, DIM, 2)
            .selectExpr("id", "embedding", "if(id % 2 = 0, null, concat('n', id)) as note");
    try (LogLines log = LogLines.of(PLAN_LOGGER)) {
      bed.writerWithDefaultFormat(df, collection, s3Staging("auto-parquet")).save();

      assertThat(log.lines())
          .filteredOn(l -> l.contains("staging "))
          .singleElement()
          .asString()
          .contains(
              "staging parquet files (format auto: npy is ruled out: column 'note' may hold"
                  + " nulls for nullable field 'note'");
    }

    List<Map<String, Object>> rows = bed.imported(collection);
    assertThat(rows).hasSize(400);
    assertThat(rows).filteredOn(r -> r.get("note") == null).hasSize(200);
    List<List<String>> files = importFiles(collection);
    assertThat(files).hasSize(2);
    assertThat(files).allMatch(f -> f.size() == 1 && f.get(0).endsWith(".parquet"));
  }

  @Test
  void defaultStagesParquetWhenANullableFieldHasNoColumn() {
    String collection = notesCollection();
    try (LogLines log = LogLines.of(PLAN_LOGGER)) {
      bed.writerWithDefaultFormat(
              bed.docs(100, DIM, 1).drop("text"), collection, s3Staging("auto-absent"))
          .save();

      assertThat(log.lines())
          .anyMatch(
              l ->
                  l.contains("staging parquet files")
                      && l.contains("nullable field 'note' has no column"));
    }
    assertThat(bed.imported(collection)).hasSize(100);
    assertThat(importFiles(collection))
        .singleElement()
        .satisfies(f -> assertThat(f.get(0)).endsWith(".parquet"));
  }

  @Test
  void aResumeWithTheDefaultFormatFinishesInTheFormatTheWriteWasBegunWith() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().dropConnection("jobs/import/describe", 3);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("auto-resume"))
                    .option("format", "parquet")
                    .option("retries", "0")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("resumeWriteId");
    String writeId = ImportedRows.writeIdOfManifest(bed, "auto-resume");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("auto-resume"))
                    .option("format", "npy")
                    .option("resumeWriteId", writeId)
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'format' is 'npy'")
        .hasMessageContaining("was begun with 'parquet'");

    try (LogLines log = LogLines.of(PLAN_LOGGER)) {
      bed.writerWithDefaultFormat(bed.docs(200, DIM, 2), collection, s3Staging("auto-resume"))
          .option("resumeWriteId", writeId)
          .save();

      assertThat(log.lines())
          .anyMatch(
              l ->
                  l.contains(
                      "staging parquet files (format auto: the format write "
                          + writeId
                          + " was begun with, from its manifest)"));
    }
    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(importFiles(collection)).hasSize(2).allMatch(f -> f.get(0).endsWith(".parquet"));
  }
}
