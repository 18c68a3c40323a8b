package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.ImportTestBed;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault paths of the commit against a Milvus 2.6.24 stand-in (idempotent creates, no two-phase
 * import), each ending in success or a clear error with every row imported exactly once or none.
 */
@Tag("e2e")
class CommitFaultsWriteTest {
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
  void createWhoseReplyTimesOutAfterTheJobExistsIsFoundOnTheServerAndImportsOnce() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().loseReply("jobs/import/create", 1, Duration.ofMillis(700));

    bed.writer(bed.docs(300, DIM, 3), collection, s3Staging("fault-create-timeout"))
        .option("requestTimeout", "300ms")
        .save();

    assertExactlyOnce(bed.imported(collection), 300, DIM);
    // Before re-sending, the connector looks for the job the lost request made, and adopts it.
    assertThat(createRequests(bed, collection)).hasSize(1);
  }

  @Test
  void createWhoseConnectionDropsAfterTheJobExistsImportsOnce() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().loseReply("jobs/import/create", 2, Duration.ZERO);

    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("fault-create-drop")).save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1);
  }

  @Test
  void describeAnswering5xxAnd429IsRetried() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn()
        .faults()
        .failNextHttp("jobs/import/describe", 2, 503)
        .failNextHttp("jobs/import/describe", 1, 429)
        .dropConnection("jobs/import/describe", 1);

    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("fault-describe-5xx")).save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
  }

  @Test
  void jobLimitErrorIsWaitedOutNotFatal() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().rejectJobsWithLimit(3);

    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("fault-job-limit"))
        .option("maxFilesPerJob", "1")
        .save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(createRequests(bed, collection)).hasSize(2 + 3);
  }

  @Test
  void nonHealingErrorFailsAtOnceWithMilvusMessage() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNext("jobs/import/create", 1, 1100, "import request is empty");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(50, DIM, 1), collection, s3Staging("fault-1100"))
                    .option("retries", "5")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("code 1100, import request is empty")
        .hasMessageContaining("Nothing of this write was imported");
    assertThat(createRequests(bed, collection)).isEmpty();
    assertThat(bed.stagedKeys("fault-1100/")).isEmpty();
  }

  @Test
  void jobForgottenByRetentionBeforeItsEndWasSeenFailsClearlyWithoutImportingTwice() {
    try (ImportTestBed forgetful = ImportTestBed.start()) {
      String collection = forgetful.createDocsCollection(DIM);
      forgetful.standIn().faults().forgetFinishedJobs();

      assertThatThrownBy(
              () ->
                  forgetful
                      .writer(forgetful.docs(100, DIM, 1), collection, s3Staging("fault-forgot"))
                      .save())
          .isInstanceOf(ImportFailedException.class)
          .hasMessageContaining("no longer knows import job")
          .hasMessageContaining("resumeWriteId");
      // The job completed before Milvus forgot it: its rows are there, once.
      assertExactlyOnce(forgetful.imported(collection), 100, DIM);
      assertThat(createRequests(forgetful, collection)).hasSize(1);
      assertThat(forgetful.stagedKeys("fault-forgot/")).hasSize(1);
    }
  }

  @Test
  void driverStoppedAfterCreateIsFinishedByResumeWithoutCreatingAnyJobTwice() {
    String collection = bed.createDocsCollection(DIM);
    // Polls get no answer: the first driver gives up after job 1 of 2 exists, as if it died.
    bed.standIn().faults().dropConnection("jobs/import/describe", 3);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(400, DIM, 4), collection, s3Staging("fault-resume"))
                    .option("maxFilesPerJob", "2")
                    .option("maxConcurrentJobs", "1")
                    .option("retries", "0")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("is unknown")
        .hasMessageContaining("resumeWriteId");
    assertThat(createRequests(bed, collection)).hasSize(1);
    String writeId = ImportedRows.writeIdOfManifest(bed, "fault-resume");

    bed.writer(bed.docs(400, DIM, 4), collection, s3Staging("fault-resume"))
        .option("maxFilesPerJob", "2")
        .option("resumeWriteId", writeId)
        .save();

    assertExactlyOnce(bed.imported(collection), 400, DIM);
    assertThat(createRequests(bed, collection)).hasSize(2);
    assertThat(bed.stagedKeys("fault-resume/")).isEmpty();
    assertThat(bed.manifestKeys("fault-resume/")).isEmpty();
  }

  @Test
  void resumeOfAWriteThatNeverReachedItsCommitSaysNothingWasImported() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("fault-resume-none"))
                    .option("resumeWriteId", "20200101-000000-deadbeef")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("nothing of it was imported");
    assertThat(bed.imported(collection)).isEmpty();
  }

  @Test
  void atomicTrueRefusesAServerWithoutTwoPhaseImportBeforeStaging() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("fault-atomic"))
                    .option("atomic", "true")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'atomic' is 'true'")
        .hasMessageContaining("Milvus 3.0");
    assertThat(bed.stagedKeys("fault-atomic/")).isEmpty();
  }
}
