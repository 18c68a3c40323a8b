package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.ImportFailedException;
import io.milvusimport.ImportTimeoutException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** All-or-nothing writes against a Milvus 3.0 stand-in (auto_commit=false, commit, abort). */
@Tag("e2e")
class TwoPhaseWriteTest {
  private static final int DIM = 8;
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start(v3().stepDelay(Duration.ofMillis(20)));
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  private static MilvusStandIn.Builder v3() {
    return MilvusStandIn.builder().serverVersion("3.0.2");
  }

  @Test
  void multiJobWriteIsCreatedUncommittedAndCommittedTogether() {
    String collection = bed.createDocsCollection(DIM);

    bed.writer(bed.docs(400, DIM, 4), collection, s3Staging("2pc-ok"))
        .option("maxFilesPerJob", "1")
        .save();

    assertExactlyOnce(bed.imported(collection), 400, DIM);
    assertThat(createRequests(bed, collection))
        .hasSize(4)
        .allSatisfy(
            r -> assertThat(r.path("options").path("auto_commit").asText()).isEqualTo("false"));
    assertThat(bed.stagedKeys("2pc-ok/")).isEmpty();
  }

  @Test
  void failedJobInAMultiJobAtomicWriteLeavesNothingVisible() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNextJob("injected: file is broken: importing data failed");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(400, DIM, 4), collection, s3Staging("2pc-fail"))
                    .option("maxFilesPerJob", "1")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("file is broken")
        .hasMessageContaining("nothing of it is visible");

    assertThat(bed.imported(collection)).isEmpty();
    assertThat(createRequests(bed, collection)).hasSize(4);
    assertThat(bed.stagedKeys("2pc-fail/")).isEmpty();
  }

  @Test
  void jobForgottenAfterItsCommitCountsAsCompleted() {
    try (ImportTestBed forgetful = ImportTestBed.start(v3().stepDelay(Duration.ofMillis(20)))) {
      String collection = forgetful.createDocsCollection(DIM);
      forgetful.standIn().faults().forgetFinishedJobs();

      forgetful
          .writer(forgetful.docs(300, DIM, 3), collection, s3Staging("2pc-forgot"))
          .option("maxFilesPerJob", "2")
          .save();

      assertExactlyOnce(forgetful.imported(collection), 300, DIM);
    }
  }

  @Test
  void timeoutAbortsEveryUncommittedJob() {
    try (ImportTestBed slow = ImportTestBed.start(v3().stepDelay(Duration.ofSeconds(3)))) {
      String collection = slow.createDocsCollection(DIM);
      assertThatThrownBy(
              () ->
                  slow.writer(slow.docs(100, DIM, 2), collection, s3Staging("2pc-timeout"))
                      .option("importTimeout", "1s")
                      .save())
          .isInstanceOf(ImportTimeoutException.class)
          .hasMessageContaining("did not finish within importTimeout")
          .hasMessageContaining("nothing of it is visible");
      assertThat(slow.stagedKeys("2pc-timeout/")).isEmpty();
      JsonNode create = createRequests(slow, collection).get(0);
      assertThat(create.path("options").path("auto_commit").asText()).isEqualTo("false");
    }
    // The aborted job must never show its rows, even after its reading step would have ended.
  }

  @Test
  void atomicFalseImportsJobByJobEvenOnThreeZero() {
    String collection = bed.createDocsCollection(DIM);

    bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("2pc-off"))
        .option("atomic", "false")
        .save();

    assertExactlyOnce(bed.imported(collection), 100, DIM);
    assertThat(createRequests(bed, collection).get(0).path("options").has("auto_commit")).isFalse();
  }
}
