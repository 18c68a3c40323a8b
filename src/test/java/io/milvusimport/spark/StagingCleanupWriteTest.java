package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LateLandingS3A;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Failed and cancelled writes leave no staged file behind, also files that land late. */
@Tag("e2e")
class StagingCleanupWriteTest {
  private static final int DIM = 8;

  @Test
  void npyWriteFailingOnABadRowLeavesNoColumnOfACancelledSiblingTask() throws Exception {
    try (ImportTestBed bed = ImportTestBed.start()) {
      for (int run = 0; run < 3; run++) {
        String collection = bed.createDocsCollection(DIM);
        String prefix = "bad-row-npy-" + run;
        // Partition 0 fails at once on a short vector; partition 1 is still uploading groups.
        Dataset<Row> df =
            bed.docs(60_000, DIM, 2)
                .withColumn(
                    "embedding",
                    functions.expr("if(id = 3, array(cast(1.0 as float)), embedding)"));

        // As notebooks and the Thrift server do: cancelling the job interrupts its task threads.
        bed.spark().sparkContext().setJobGroup("bad-row-" + run, "bad row", true);
        try {
          assertThatThrownBy(
                  () ->
                      bed.writer(df, collection, "minio://" + ImportTestBed.BUCKET + "/" + prefix)
                          .option("fs.minio.impl", LateLandingS3A.class.getName())
                          .option("format", "npy")
                          .option("maxFileSize", "16k")
                          .save())
              .hasStackTraceContaining("embedding");
        } finally {
          bed.spark().sparkContext().clearJobGroup();
        }

        Thread.sleep(1_000); // longer than an upload takes: whatever was under way has landed
        assertThat(bed.stagedKeys(prefix + "/")).as("files left by run " + run).isEmpty();
        assertThat(bed.standIn().jobCount()).isZero();
      }
    }
  }

  @Test
  void cancelledTwoPhaseWriteAbortsItsJobsAndDeletesItsFiles() throws Exception {
    try (ImportTestBed bed =
        ImportTestBed.start(
            MilvusStandIn.builder().serverVersion("3.0.2").stepDelay(Duration.ofSeconds(3)))) {
      String collection = bed.createDocsCollection(DIM);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("cancel-2pc")).save();
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      writer.start();
      // Cancel once the driver knows its job (recorded in the manifest) and is waiting for it.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!jobRecorded(bed, "cancel-2pc/") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(bed.standIn().jobCount()).as("import jobs created").isEqualTo(1);
      writer.interrupt();
      writer.join(60_000);

      assertThat(failure.get()).hasMessageContaining("nothing of it is visible");
      assertThat(bed.stagedKeys("cancel-2pc/")).isEmpty();
      assertThat(bed.manifestKeys("cancel-2pc/")).isEmpty();
      Thread.sleep(3_500); // past the job's reading step: aborted rows must never appear
      assertThat(bed.imported(collection)).isEmpty();
    }
  }

  /** True once the write's manifest under {@code prefix} holds a created job's id. */
  private static boolean jobRecorded(ImportTestBed bed, String prefix) {
    for (String key : bed.manifestKeys(prefix)) {
      String manifest =
          new String(bed.s3().read(ImportTestBed.BUCKET, key), StandardCharsets.UTF_8);
      if (manifest.matches("(?s).*\"jobId\"\\s*:\\s*\"\\d+\".*")) {
        return true;
      }
    }
    return false;
  }
}
