package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Creates whose answer is lost on servers that ignore {@code Idempotency-Key} (every 2.4/2.5, 2.6
 * before 2.6.24, 3.0 before 3.0.2): the job the lost request made must be found and adopted, never
 * created a second time.
 */
class LostCreateWriteTest {
  private static final int DIM = 8;
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder()
                .serverVersion("2.5.10")
                .ignoreIdempotencyKey()
                .stepDelay(Duration.ofMillis(20)));
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  /** Writes {@code rows} docs in {@code rows / 100} tasks with one more option; each row once. */
  private static String importOnce(String prefix, int rows, String option, String value) {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(rows, DIM, rows / 100), collection, s3Staging(prefix))
        .option(option, value)
        .save();
    assertExactlyOnce(bed.imported(collection), rows, DIM);
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
    return collection;
  }

  @Test
  void createWhoseReplyTimesOutIsAdoptedNotSentAgainOnAServerIgnoringKeys() {
    bed.standIn().faults().loseReply("jobs/import/create", 1, Duration.ofMillis(700));

    String collection = importOnce("lost-timeout", 300, "requestTimeout", "300ms");

    assertThat(createRequests(bed, collection)).hasSize(1);
  }

  @Test
  void createsWhoseConnectionDropsAfterTheJobExistsAreAdoptedOnAServerIgnoringKeys() {
    bed.standIn().faults().loseReply("jobs/import/create", 2, Duration.ZERO);

    String collection = importOnce("lost-drop", 400, "maxFilesPerJob", "2");

    assertThat(createRequests(bed, collection)).hasSize(2);
  }

  @Test
  void lostCreateOfNpyColumnGroupsIsAdoptedByTheirFileSets() {
    bed.standIn().faults().loseReply("jobs/import/create", 1, Duration.ZERO);

    String collection = importOnce("lost-npy", 200, "format", "npy");

    assertThat(createRequests(bed, collection)).hasSize(1);
    assertThat(createRequests(bed, collection).get(0).get("files").get(0).size()).isEqualTo(3);
  }

  @Test
  void createThatNeverReachedMilvusIsSentAgainAfterTheLookFindsNothing() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().dropConnection("jobs/import/create", 1);

    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("lost-never")).save();

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1); // the dropped one was never handled
  }

  @Test
  void resumeOfAJobRecordedAsCreatingAdoptsTheJobTheLostCreateMade() {
    String collection = bed.createDocsCollection(DIM);
    // No retries: the driver gives up with job 1 recorded Creating, while Milvus made it.
    bed.standIn().faults().loseReply("jobs/import/create", 1, Duration.ZERO);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(300, DIM, 3), collection, s3Staging("lost-resume"))
                    .option("retries", "0")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("is unknown")
        .hasMessageContaining("resumeWriteId");
    String writeId = ImportedRows.writeIdOfManifest(bed, "lost-resume");
    assertThat(new String(bed.s3().read(ImportTestBed.BUCKET, manifestKey("lost-resume", writeId))))
        .contains("\"state\":\"Creating\"");

    bed.writer(bed.docs(300, DIM, 3), collection, s3Staging("lost-resume"))
        .option("resumeWriteId", writeId)
        .save();

    assertExactlyOnce(bed.imported(collection), 300, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1);
    assertThat(bed.stagedKeys("lost-resume/")).isEmpty();
  }

  @Test
  void lostCreateOfATwoPhaseWriteOnThreeZeroZeroIsAdopted() {
    try (ImportTestBed v300 =
        ImportTestBed.start(
            MilvusStandIn.builder()
                .serverVersion("3.0.0")
                .ignoreIdempotencyKey()
                .stepDelay(Duration.ofMillis(20)))) {
      String collection = v300.createDocsCollection(DIM);
      v300.standIn().faults().loseReply("jobs/import/create", 1, Duration.ZERO);

      v300.writer(v300.docs(300, DIM, 3), collection, s3Staging("lost-2pc"))
          .option("maxFilesPerJob", "1")
          .save();

      assertExactlyOnce(v300.imported(collection), 300, DIM);
      assertThat(createRequests(v300, collection)).hasSize(3);
    }
  }

  static String manifestKey(String prefix, String writeId) {
    return prefix + "/" + writeId + "/_manifest.json";
  }
}
