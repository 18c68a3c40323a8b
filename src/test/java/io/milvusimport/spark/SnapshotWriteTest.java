package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.SnapshotFailedException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The snapshot after import (Milvus 3.0.1+, contract §6). */
@Tag("e2e")
class SnapshotWriteTest {
  private static final int DIM = 8;
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

  @Test
  void snapshotAfterImportHoldsTheImportedRows() throws IOException {
    String collection = bed.createDocsCollection(DIM);

    bed.writer(bed.docs(250, DIM, 2), collection, s3Staging("snap-ok"))
        .option("snapshot", "after_{writeId}")
        .option("snapshotDescription", "nightly load")
        .option("snapshotCompactionProtectionSeconds", "3600")
        .option("keepStagedFiles", "true")
        .save();

    assertExactlyOnce(bed.imported(collection), 250, DIM);
    String writeId = ImportedRows.writeIdOfManifest(bed, "snap-ok");
    // Milvus refuses '-' in names: the write id's are written as '_'.
    String name = "after_" + writeId.replace('-', '_');
    assertThat(name).matches("after_\\d{8}_\\d{6}_[0-9a-f]{8}");
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly(name);
    assertExactlyOnce(bed.standIn().snapshotRows("default", collection, name), 250, DIM);
    JsonNode manifest = manifest(bed.manifestKeys("snap-ok/").get(0));
    assertThat(manifest.path("snapshot").path("name").asText()).isEqualTo(name);
    assertThat(manifest.path("snapshot").path("createTs").asLong()).isPositive();
    assertThat(manifest.path("status").asText()).isEqualTo("Completed");
  }

  private static JsonNode manifest(String key) throws IOException {
    return new ObjectMapper().readTree(bed.s3().read(ImportTestBed.BUCKET, key));
  }

  @Test
  void failingSnapshotSaysTheDataIsImportedAndOnlyTheSnapshotIsMissing() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNext("snapshots/create", 1, 1100, "injected: snapshot refused");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(100, DIM, 1), collection, s3Staging("snap-fail"))
                    .option("snapshot", "s_{date}")
                    .save())
        .isInstanceOf(SnapshotFailedException.class)
        .hasMessageContaining("all 100 rows ARE imported")
        .hasMessageContaining("only the snapshot 's_")
        .hasMessageContaining("is missing")
        .hasMessageContaining("snapshot refused");
    assertExactlyOnce(bed.imported(collection), 100, DIM);
  }

  @Test
  void snapshotNameMilvusWouldRefuseFailsBeforeAnythingIsStagedOrImported() {
    String collection = bed.createDocsCollection(DIM);

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(80, DIM, 1), collection, s3Staging("snap-bad-name"))
                    .option("snapshot", "nightly-{date}")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'snapshot' has an invalid value 'nightly-{date}'")
        .hasMessageContaining("letters, digits, '_'")
        .hasMessageContaining("character '-' at position 7");
    assertThat(bed.standIn().importRequests()).noneMatch(r -> r.toString().contains(collection));
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys("snap-bad-name/")).isEmpty();
  }

  @Test
  void snapshotCreateWhoseAnswerIsLostIsSettledAsThisWritesOwn() throws IOException {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().loseReply("snapshots/create", 1, Duration.ZERO);

    bed.writer(bed.docs(120, DIM, 2), collection, s3Staging("snap-lost"))
        .option("snapshot", "load_{writeId}")
        .option("snapshotDescription", "nightly load")
        .option("keepStagedFiles", "true")
        .save();

    assertExactlyOnce(bed.imported(collection), 120, DIM);
    String name = "load_" + ImportedRows.writeIdOfManifest(bed, "snap-lost").replace('-', '_');
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly(name);
    assertExactlyOnce(bed.standIn().snapshotRows("default", collection, name), 120, DIM);
    JsonNode manifest = manifest(bed.manifestKeys("snap-lost/").get(0));
    assertThat(manifest.path("snapshot").path("name").asText()).isEqualTo(name);
  }

  @Test
  void snapshotNameTakenByAnotherSnapshotFailsSayingTheRowsAreImported() {
    String collection = bed.createDocsCollection(DIM);
    bed.post(
        "snapshots/create",
        "{\"collectionName\":\""
            + collection
            + "\",\"snapshotName\":\"weekly\",\"description\":\"made by hand\"}");
    // Even when a lost answer makes the repeat meet "already exists", a snapshot that is not this
    // write's is not taken for it.
    bed.standIn().faults().dropConnection("snapshots/create", 1);

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(60, DIM, 1), collection, s3Staging("snap-taken"))
                    .option("snapshot", "weekly")
                    .option("snapshotDescription", "nightly load")
                    .save())
        .isInstanceOf(SnapshotFailedException.class)
        .hasMessageContaining("all 60 rows ARE imported")
        .hasMessageContaining("snapshot 'weekly' already exists but is not the one this write")
        .hasMessageContaining("Do not re-run the import");
    assertExactlyOnce(bed.imported(collection), 60, DIM);
    assertThat(bed.standIn().snapshotRows("default", collection, "weekly")).isEmpty();
    assertThat(bed.stagedKeys("snap-taken/")).isEmpty();
  }
}
