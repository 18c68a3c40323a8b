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
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

  @AfterEach
  void clearFaults() {
    bed.standIn().faults().reset();
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
  void theDefaultFormatStagesNpyGroupsAndCommitsThemTogether() {
    String collection = bed.createDocsCollection(DIM);

    bed.writerWithDefaultFormat(bed.docs(300, DIM, 3), collection, s3Staging("2pc-auto"))
        .option("maxFilesPerJob", "1")
        .save();

    assertExactlyOnce(bed.imported(collection), 300, DIM);
    assertThat(createRequests(bed, collection))
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.path("options").path("auto_commit").asText()).isEqualTo("false");
              assertThat(r.path("files").get(0)).hasSize(3);
              r.path("files").get(0).forEach(f -> assertThat(f.asText()).endsWith(".npy"));
            });
    assertThat(bed.stagedKeys("2pc-auto/")).isEmpty();
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

  @Test
  void commitWhoseReplyIsLostIsReadAgainAndCountsAsCommitted() {
    String collection = bed.createDocsCollection(DIM);
    // The plan-time probe posts a commit of job 0 first; lose the reply of the first real commit.
    bed.standIn()
        .faults()
        .onNextCall("jobs/import/commit", f -> f.loseReply("jobs/import/commit", 1, Duration.ZERO));

    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("2pc-lost-commit"))
        .option("maxFilesPerJob", "1")
        .option("retries", "0")
        .save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(bed.stagedKeys("2pc-lost-commit/")).isEmpty();
  }

  @Test
  void unknownOutcomeAfterCommitsWereSentNamesTheCommittedJobsAndHowToFinish() {
    String collection = bed.createDocsCollection(DIM);
    // Once the first commit arrives (after the plan-time probe), Milvus stops answering polls.
    bed.standIn()
        .faults()
        .onCall("jobs/import/commit", 1, f -> f.dropConnection("jobs/import/describe", 1000));

    Throwable thrown =
        catchThrowable(
            () ->
                bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("2pc-after-commit"))
                    .option("maxFilesPerJob", "1")
                    .option("retries", "0")
                    .save());

    assertThat(thrown)
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("is unknown")
        .hasMessageNotContaining("No job was committed")
        .hasMessageNotContaining("nothing of it is visible")
        .hasMessageContaining("are committed")
        .hasMessageContaining("resumeWriteId");
    bed.standIn().faults().reset();
    String writeId = ImportedRows.writeIdOfManifest(bed, "2pc-after-commit");
    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("2pc-after-commit"))
        .option("maxFilesPerJob", "1")
        .option("resumeWriteId", writeId)
        .save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(createRequests(bed, collection)).hasSize(2);
    assertThat(bed.stagedKeys("2pc-after-commit/")).isEmpty();
  }

  @Test
  void failedJobAbortsTheOtherJobsAtOnceWithoutWaitingForThemToRead() {
    try (ImportTestBed slow = ImportTestBed.start(v3().stepDelay(Duration.ofMillis(1500)))) {
      String collection = slow.createDocsCollection(DIM);
      slow.standIn().faults().failNextJobInPreImport("injected: cannot open the file");

      assertThatThrownBy(
              () ->
                  slow.writer(slow.docs(300, DIM, 3), collection, s3Staging("2pc-abort-at-once"))
                      .option("maxFilesPerJob", "1")
                      .option("maxPollInterval", "100ms")
                      .save())
          .isInstanceOf(ImportFailedException.class)
          .hasMessageContaining("cannot open the file")
          .hasMessageContaining("nothing of it is visible");

      // Jobs 2 and 3 were still reading when aborted, not parked Uncommitted first.
      assertThat(slow.standIn().abortedJobs())
          .hasSize(2)
          .noneMatch(aborted -> aborted.endsWith(":Uncommitted"));
      assertThat(slow.imported(collection)).isEmpty();
      assertThat(slow.stagedKeys("2pc-abort-at-once/")).isEmpty();
    }
  }

  @Test
  void refusedCreateIsRecordedAsNotCreatedAndTheRestAbortedCleanly() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn()
        .faults()
        .onNextCall(
            "jobs/import/create",
            f -> f.failNext("jobs/import/create", 1, 2100, "injected refusal of the second job"));

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("2pc-refused"))
                    .option("maxFilesPerJob", "1")
                    .option("keepStagedFiles", "true")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("injected refusal of the second job")
        .hasMessageContaining("Every job of the write was aborted");

    String writeId = ImportedRows.writeIdOfManifest(bed, "2pc-refused");
    String manifest =
        new String(
            bed.s3().read(ImportTestBed.BUCKET, "2pc-refused/" + writeId + "/_manifest.json"),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(manifest)
        .doesNotContain("\"state\":\"Creating\"")
        .contains("\"state\":\"NotCreated\"")
        .contains("refused: code 2100");
    assertThat(createRequests(bed, collection)).hasSize(1); // the refused one made no job
    assertThat(bed.imported(collection)).isEmpty();
  }
}
