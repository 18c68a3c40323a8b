package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        .option("snapshot", "after-{writeId}")
        .option("snapshotDescription", "nightly load")
        .option("snapshotCompactionProtectionSeconds", "3600")
        .option("keepStagedFiles", "true")
        .save();

    assertExactlyOnce(bed.imported(collection), 250, DIM);
    String writeId = ImportedRows.writeIdOfManifest(bed, "snap-ok");
    assertThat(bed.standIn().snapshotNames("default", collection))
        .containsExactly("after-" + writeId);
    assertExactlyOnce(
        bed.standIn().snapshotRows("default", collection, "after-" + writeId), 250, DIM);
    JsonNode manifest = manifest(bed.manifestKeys("snap-ok/").get(0));
    assertThat(manifest.path("snapshot").path("name").asText()).isEqualTo("after-" + writeId);
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
                    .option("snapshot", "s-{date}")
                    .save())
        .isInstanceOf(SnapshotFailedException.class)
        .hasMessageContaining("all 100 rows ARE imported")
        .hasMessageContaining("only the snapshot 's-")
        .hasMessageContaining("is missing")
        .hasMessageContaining("snapshot refused");
    assertExactlyOnce(bed.imported(collection), 100, DIM);
  }
}
