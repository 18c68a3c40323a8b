package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.SnapshotsUnsupportedException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code snapshotBefore} write option (taken in the commit, once, before the first import job)
 * and the plan-time refusal of snapshot options on servers without snapshot routes.
 */
@Tag("e2e")
class SnapshotBeforeWriteTest {
  private static final int DIM = 8;
  private static final String SNAPSHOT_CREATE = "/v2/vectordb/snapshots/create";
  private static final String FLUSH = "/v2/vectordb/collections/flush";
  private static final String IMPORT_CREATE = "/v2/vectordb/jobs/import/create";
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().serverVersion("3.0.2").stepDelay(Duration.ofMillis(20)));
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @AfterEach
  void resetFaults() {
    bed.standIn().faults().reset();
  }

  /** The requests received since {@code from}, as paths. */
  private static List<String> pathsSince(int from) {
    List<String> all = bed.standIn().requestPaths();
    return all.subList(from, all.size());
  }

  @Test
  void snapshotBeforeHoldsThePreImportRowsAndIsTakenAfterAFlushBeforeTheFirstJob()
      throws IOException {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("before-base")).save();
    int from = bed.standIn().requestPaths().size();

    bed.writer(
            bed.docs(300, DIM, 3).selectExpr("id + 1000 as id", "embedding", "text"),
            collection,
            s3Staging("before-ok"))
        .option("snapshotBefore", "before_{writeId}")
        .option("maxFilesPerJob", "1")
        .option("keepStagedFiles", "true")
        .save();

    List<String> paths = pathsSince(from);
    assertThat(paths).filteredOn(SNAPSHOT_CREATE::equals).hasSize(1);
    int snapshot = paths.indexOf(SNAPSHOT_CREATE);
    assertThat(paths.subList(0, snapshot)).contains(FLUSH).doesNotContain(IMPORT_CREATE);
    assertThat(paths.indexOf(IMPORT_CREATE)).isGreaterThan(snapshot);
    assertThat(paths).filteredOn(IMPORT_CREATE::equals).hasSize(3);

    String writeId = ImportedRows.writeIdOfManifest(bed, "before-ok");
    String name = "before_" + writeId.replace('-', '_');
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly(name);
    assertExactlyOnce(bed.standIn().snapshotRows("default", collection, name), 100, DIM);
    assertThat(bed.imported(collection)).hasSize(400);
    JsonNode manifest = manifest("before-ok/");
    assertThat(manifest.path("snapshotBefore").path("name").asText()).isEqualTo(name);
    assertThat(manifest.path("snapshotBefore").path("createTs").asLong()).isPositive();
  }

  @Test
  void resumedWriteDoesNotTakeTheSnapshotBeforeTwice() {
    String collection = bed.createDocsCollection(DIM);
    int from = bed.standIn().requestPaths().size();
    // Polls get no answer: the first driver gives up after job 1 of 2 exists, as if it died.
    bed.standIn().faults().dropConnection("jobs/import/describe", 3);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(400, DIM, 4), collection, s3Staging("before-resume"))
                    .option("snapshotBefore", "undo_{writeId}")
                    .option("maxFilesPerJob", "2")
                    .option("maxConcurrentJobs", "1")
                    .option("atomic", "false")
                    .option("retries", "0")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("resumeWriteId");
    List<String> first = pathsSince(from);
    assertThat(first).filteredOn(SNAPSHOT_CREATE::equals).hasSize(1);
    assertThat(first.indexOf(SNAPSHOT_CREATE)).isLessThan(first.indexOf(IMPORT_CREATE));
    String writeId = ImportedRows.writeIdOfManifest(bed, "before-resume");
    int resumeFrom = bed.standIn().requestPaths().size();

    bed.writer(bed.docs(400, DIM, 4), collection, s3Staging("before-resume"))
        .option("snapshotBefore", "undo_{writeId}")
        .option("maxFilesPerJob", "2")
        .option("atomic", "false")
        .option("resumeWriteId", writeId)
        .save();

    assertThat(pathsSince(resumeFrom)).doesNotContain(SNAPSHOT_CREATE).contains(IMPORT_CREATE);
    assertExactlyOnce(bed.imported(collection), 400, DIM);
    String name = "undo_" + writeId.replace('-', '_');
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly(name);
    assertThat(bed.standIn().snapshotRows("default", collection, name)).isEmpty();
  }

  @Test
  void snapshotBeforeThatCannotBeTakenFailsBeforeAnyJobAndLeavesNothingStaged() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNext("snapshots/create", 1, 1100, "injected: snapshot refused");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("before-fail"))
                    .option("snapshotBefore", "b_{date}")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("option 'snapshotBefore' could not be taken")
        .hasMessageContaining("snapshot refused")
        .hasMessageContaining("nothing of this write was imported");
    assertThat(bed.standIn().importRequests()).noneMatch(r -> r.toString().contains(collection));
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys("before-fail/")).isEmpty();
  }

  @Test
  void snapshotBeforeNameMilvusWouldRefuseIsRefusedWithTheOptionsName() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("before-bad"))
                    .option("snapshotBefore", "pre.{date}")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'snapshotBefore' has an invalid value 'pre.{date}'")
        .hasMessageContaining("character '.' at position 3");
    assertThat(bed.stagedKeys("before-bad/")).isEmpty();
  }

  @Test
  void snapshotOptionsOnMilvus300Or26FailBeforeAnythingIsStaged() {
    for (String version : List.of("3.0.0", "2.6.24")) {
      try (ImportTestBed old =
          ImportTestBed.start(
              MilvusStandIn.builder().serverVersion(version).stepDelay(Duration.ofMillis(20)))) {
        for (String option : List.of("snapshot", "snapshotBefore")) {
          String collection = old.createDocsCollection(DIM);
          String prefix = "old-" + version.replace('.', '-') + "-" + option;
          assertThatThrownBy(
                  () ->
                      old.writer(old.docs(50, DIM, 2), collection, s3Staging(prefix))
                          .option(option, "s_{writeId}")
                          .save())
              .as("%s on %s", option, version)
              .isInstanceOf(SnapshotsUnsupportedException.class)
              .hasMessageContaining("Option '" + option + "' needs Milvus 3.0.1+")
              .hasMessageContaining("HTTP 404")
              .hasMessageContaining("Nothing was staged");
          assertThat(old.standIn().requestPaths())
              .contains("/v2/vectordb/snapshots/list")
              .doesNotContain(IMPORT_CREATE, FLUSH, SNAPSHOT_CREATE);
          assertThat(old.stagedKeys(prefix + "/")).isEmpty();
          assertThat(old.manifestKeys(prefix + "/")).isEmpty();
          assertThat(old.imported(collection)).isEmpty();
        }
      }
    }
  }

  private static JsonNode manifest(String prefix) throws IOException {
    return new ObjectMapper()
        .readTree(bed.s3().read(ImportTestBed.BUCKET, bed.manifestKeys(prefix).get(0)));
  }
}
