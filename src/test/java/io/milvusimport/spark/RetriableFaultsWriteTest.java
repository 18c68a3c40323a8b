package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.testkit.ImportTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults that heal, met at plan time and with Milvus's retriable codes (contract §6b), against a
 * Milvus 2.6.24 stand-in: every call is repeated, a create only on codes Milvus answers before it
 * runs, and each write ends with every row imported exactly once.
 */
@Tag("e2e")
class RetriableFaultsWriteTest {
  private static final int DIM = 8;

  /** Milvus's {@code merr.WrapErrServiceRateLimit} text. */
  private static final String RATE_LIMIT = "rate limit exceeded[rate=0.5]";

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
  void collectionDescribeAnswering503AtPlanTimeIsRetried() {
    String collection = bed.createDocsCollection(DIM);
    bed.createPartition(collection, "p1");
    bed.standIn()
        .faults()
        .failNextHttp("collections/describe", 1, 503)
        .dropConnection("collections/describe", 1)
        .failNextHttp("partitions/has", 1, 502);

    bed.writer(bed.docs(120, DIM, 2), collection, s3Staging("retry-plan-503"))
        .option("partition", "p1")
        .save();

    assertExactlyOnce(bed.standIn().rows("default", collection, "p1"), 120, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1);
  }

  @Test
  void retriableCodesAtPlanTimeAndOnPollsAreRetried() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn()
        .faults()
        .failNext("collections/describe", 1, 2, "service unavailable")
        .failNext("jobs/import/describe", 2, 8, RATE_LIMIT)
        .failNext("jobs/import/describe", 1, 1807, "request is rejected by limiter");

    bed.writer(bed.docs(150, DIM, 2), collection, s3Staging("retry-codes-poll")).save();

    assertExactlyOnce(bed.imported(collection), 150, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1);
  }

  @Test
  void rateLimitedCreateIsRepeatedAndImportsOnce() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNext("jobs/import/create", 2, 8, RATE_LIMIT);

    bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("retry-create-8")).save();

    assertExactlyOnce(bed.imported(collection), 100, DIM);
    // The two refusals came before the create ran; the third attempt made the only job.
    assertThat(createRequests(bed, collection)).hasSize(1);
    assertThat(bed.standIn().jobCount()).isPositive();
  }

  @Test
  void createAnsweredWithACodeThatMayFollowItsEffectIsNotRepeated() {
    String collection = bed.createDocsCollection(DIM);
    bed.standIn().faults().failNext("jobs/import/create", 1, 2, "service unavailable");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(50, DIM, 1), collection, s3Staging("retry-create-2"))
                    .option("retries", "5")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("code 2, service unavailable");
    assertThat(createRequests(bed, collection)).isEmpty();
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys("retry-create-2/")).isEmpty();
  }
}
