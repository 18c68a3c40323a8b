package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.ImportFailedException;
import io.milvusimport.ImportTimeoutException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.SchemaMismatchException;
import io.milvusimport.StagingFileSystemException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code df.write().format("milvus-import")} end to end: local S3, Spark and the stand-in. */
@Tag("e2e")
class MilvusImportWriteTest {
  private static final int DIM = 8;
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @Test
  void importsEveryRowStagedOnS3a() {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(1000, DIM, 4), collection, s3Staging("stage-s3a")).save();

    assertExactlyOnce(bed.imported(collection), 1000, DIM);
    List<JsonNode> requests = createRequests(bed, collection);
    assertThat(requests).hasSize(1);
    JsonNode files = requests.get(0).get("files");
    assertThat(files).hasSize(4);
    files.forEach(
        file -> {
          assertThat(file).hasSize(1);
          assertThat(file.get(0).asText()).startsWith("stage-s3a/").endsWith(".json");
        });
    assertThat(bed.stagedKeys("stage-s3a/")).isEmpty();
  }

  @Test
  void sendsBucketKeysForEmrfsStyleS3AndS3nStagingPaths() {
    // EMR serves s3:// through EMRFS; S3A serving s3:// and s3n:// against the local S3 stands in.
    for (String scheme : List.of("s3", "s3n")) {
      String collection = bed.createDocsCollection(DIM);
      String prefix = "stage-" + scheme;
      bed.writer(
              bed.docs(300, DIM, 3),
              collection,
              scheme + "://" + ImportTestBed.BUCKET + "/" + prefix + "/")
          .option("fs." + scheme + ".impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
          .save();

      assertExactlyOnce(bed.imported(collection), 300, DIM);
      List<JsonNode> requests = createRequests(bed, collection);
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0).get("files")).hasSize(3);
      requests
          .get(0)
          .get("files")
          .forEach(
              file -> assertThat(file.get(0).asText()).startsWith(prefix + "/").endsWith(".json"));
      assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
    }
  }

  @Test
  void importsFromLocalFileSystemStaging(@TempDir Path staging) throws IOException {
    try (ImportTestBed local = ImportTestBed.startLocalStorage()) {
      String collection = local.createDocsCollection(DIM);
      local.writer(local.docs(300, DIM, 3), collection, staging.toUri().toString()).save();

      assertThat(local.imported(collection)).hasSize(300);
      JsonNode files = local.standIn().importRequests().get(0).get("files");
      assertThat(files.get(0).get(0).asText()).startsWith(staging.toString() + "/");
      // Only the write's completion record stays (for a resume of a completed write).
      try (Stream<Path> left = Files.list(staging)) {
        assertThat(left).containsExactly(staging.resolve("_completed"));
      }
      try (Stream<Path> records = Files.list(staging.resolve("_completed"))) {
        assertThat(records).singleElement().asString().endsWith(".json");
      }
    }
  }

  @Test
  void keepsStagedFilesInMilvusBucketWhenAsked() {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("stage-keep"))
        .option("keepStagedFiles", "true")
        .save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    List<String> keys = bed.stagedKeys("stage-keep/");
    List<String> sent = new ArrayList<>();
    createRequests(bed, collection).get(0).get("files").forEach(f -> sent.add(f.get(0).asText()));
    assertThat(keys).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void rollsFilesAtMaxFileSizeIntoOneJob() {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(500, DIM, 1), collection, s3Staging("stage-roll"))
        .option("maxFileSize", "8k")
        .save();

    assertExactlyOnce(bed.imported(collection), 500, DIM);
    List<JsonNode> requests = createRequests(bed, collection);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).get("files").size()).isGreaterThan(3);
  }

  @Test
  void splitsFilesIntoSeveralJobsAboveMaxFilesPerJob() {
    try (ImportTestBed small =
        ImportTestBed.start(
            MilvusStandIn.builder().maxFilesPerRequest(2).stepDelay(Duration.ofMillis(20)))) {
      String collection = small.createDocsCollection(DIM);
      small
          .writer(small.docs(500, DIM, 5), collection, s3Staging("stage-jobs"))
          .option("maxFilesPerJob", "2")
          .save();

      assertThat(small.imported(collection)).hasSize(500);
      List<JsonNode> requests = small.standIn().importRequests();
      assertThat(requests).hasSize(3);
      assertThat(requests).extracting(r -> r.get("files").size()).containsExactly(2, 2, 1);
    }
  }

  @Test
  void failedJobFailsTheWriteWithJobIdAndReasonAndRemovesFiles() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNextJob("disk quota exceeded while importing");
    Throwable thrown =
        catchThrowable(
            () -> bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("stage-fail")).save());

    assertThat(thrown)
        .isInstanceOf(ImportFailedException.class)
        .hasMessageMatching("(?s).*import job \\S+ failed: .*disk quota exceeded while importing.*")
        .hasMessageContaining("Nothing of this write was imported");
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys("stage-fail/")).isEmpty();
  }

  @Test
  void failedJobNamesTheFileMilvusRejected() {
    try (ImportTestBed strict =
        ImportTestBed.start(
            MilvusStandIn.builder().maxFileSizeBytes(1024).stepDelay(Duration.ofMillis(20)))) {
      String collection = strict.createDocsCollection(DIM);
      assertThatThrownBy(
              () ->
                  strict
                      .writer(strict.docs(100, DIM, 1), collection, s3Staging("stage-big"))
                      .save())
          .isInstanceOf(ImportFailedException.class)
          .hasMessageContaining("The import file size has reached the maximum limit")
          .hasMessageMatching("(?s).*file stage-big/\\S+/part-00000-\\S+\\.json.*");
      assertThat(strict.imported(collection)).isEmpty();
      assertThat(strict.stagedKeys("stage-big/")).isEmpty();
    }
  }

  @Test
  void failedJobKeepsStagedFilesWhenAsked() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNextJob("simulated failure");
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("stage-fail-keep"))
                    .option("keepStagedFiles", "true")
                    .save())
        .isInstanceOf(ImportFailedException.class);
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys("stage-fail-keep/")).hasSize(2);
  }

  @Test
  void emptyDataFrameSucceedsWithoutImport() {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(0, DIM, 2), collection, s3Staging("stage-empty")).save();

    assertThat(createRequests(bed, collection)).isEmpty();
    assertThat(bed.imported(collection)).isEmpty();
  }

  @Test
  void invalidRowFailsBeforeAnyImportAndLeavesNoFiles() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> wrongDim = bed.docs(50, DIM + 1, 2);
    Throwable thrown =
        catchThrowable(() -> bed.writer(wrongDim, collection, s3Staging("stage-badrow")).save());

    assertThat(thrown)
        .hasStackTraceContaining("Invalid value for field 'embedding' (FloatVector)")
        .hasStackTraceContaining("expected dim 8, got 9 values");
    assertThat(createRequests(bed, collection)).isEmpty();
    assertThat(bed.stagedKeys("stage-badrow/")).isEmpty();
  }

  @Test
  void importsIntoTheNamedPartition() {
    String collection = bed.createDocsCollection(DIM);
    bed.createPartition(collection, "recent");
    bed.writer(bed.docs(50, DIM, 2), collection, s3Staging("stage-part"))
        .option("partition", "recent")
        .save();

    assertThat(bed.standIn().rows("default", collection, "recent")).hasSize(50);
    assertThat(bed.standIn().rows("default", collection, "_default")).isEmpty();
    assertThat(createRequests(bed, collection).get(0).get("partitionName").asText())
        .isEqualTo("recent");
  }

  @Test
  void reportsMissingPartitionAtPlanTime() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(5, DIM, 1), collection, s3Staging("stage-nopart"))
                    .option("partition", "nope")
                    .save())
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining(
            "partition 'nope' (option 'partition') does not exist in collection '"
                + collection
                + "'");
    assertThat(createRequests(bed, collection)).isEmpty();
  }

  @Test
  void reportsMissingCollectionAtPlanTime() {
    assertThatThrownBy(() -> bed.writer(bed.docs(5, DIM, 1), "nope", s3Staging("stage-x")).save())
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("collection 'nope' does not exist in database 'default'");
  }

  @Test
  void missingStagingFileSystemIsReportedBeforeMilvusIsAsked() {
    // As on a cluster without hadoop-aws; the collection does not exist either, and the file
    // system is what the user hears about: it is checked before the collection is described.
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(5, DIM, 1), "nope", s3Staging("stage-nofs"))
                    .option("fs.s3a.impl", "org.apache.hadoop.fs.s3a.NotInstalledFileSystem")
                    .save())
        .isInstanceOf(StagingFileSystemException.class)
        .hasMessageContaining("no file system for 's3a://'")
        .hasMessageContaining("org.apache.hadoop:hadoop-aws:");
  }

  @Test
  void reportsEverySchemaProblemAtPlanTimeBeforeStaging() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> df =
        bed.docs(5, DIM, 1).selectExpr("cast(id as string) as id", "text", "1 as extra");
    Throwable thrown =
        catchThrowable(() -> bed.writer(df, collection, s3Staging("stage-plan")).save());

    assertThat(thrown)
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("(3 problems)")
        .hasMessageContaining("column 'id' has Spark type string but field 'id' is Int64")
        .hasMessageContaining("required field 'embedding' (FloatVector with dim 8) has no column")
        .hasMessageContaining("column 'extra' is not a field of collection '" + collection + "'");
    assertThat(bed.stagedKeys("stage-plan/")).isEmpty();
  }

  @Test
  void rejectsOptionErrorsNamingTheOption() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(5, DIM, 1), collection, s3Staging("s"))
                    .option("maxFileSize", "20g")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'maxFileSize' has an invalid value '20g'");
  }

  @Test
  void reportsRejectedCredentials() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(5, DIM, 1), collection, s3Staging("s"))
                    .option("token", "root:wrong")
                    .save())
        .hasMessageContaining("Milvus refused the credentials")
        .hasMessageNotContaining("root:wrong");
  }

  @Test
  void worksUnderTheFullClassName() {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(20, DIM, 1), collection, s3Staging("stage-class"))
        .format(MilvusImportProvider.class.getName())
        .save();
    assertExactlyOnce(bed.imported(collection), 20, DIM);
  }

  @Test
  void returnsAfterCreatingJobsWhenNotWaiting() throws InterruptedException {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("stage-nowait"))
        .option("waitForCompletion", "false")
        .save();

    assertThat(createRequests(bed, collection)).hasSize(1);
    assertThat(bed.stagedKeys("stage-nowait/")).hasSize(2);
    long deadline = System.currentTimeMillis() + 10_000;
    while (bed.imported(collection).size() < 100 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertExactlyOnce(bed.imported(collection), 100, DIM);
  }

  @Test
  void timesOutKeepingFilesWhenJobsDoNotFinish() {
    try (ImportTestBed slow =
        ImportTestBed.start(MilvusStandIn.builder().stepDelay(Duration.ofSeconds(30)))) {
      String collection = slow.createDocsCollection(DIM);
      assertThatThrownBy(
              () ->
                  slow.writer(slow.docs(10, DIM, 1), collection, s3Staging("stage-timeout"))
                      .option("importTimeout", "1s")
                      .save())
          .isInstanceOf(ImportTimeoutException.class)
          .hasMessageContaining("did not finish within importTimeout")
          .hasMessageContaining("staged files are kept");
      assertThat(slow.stagedKeys("stage-timeout/")).hasSize(1);
    }
  }
}
