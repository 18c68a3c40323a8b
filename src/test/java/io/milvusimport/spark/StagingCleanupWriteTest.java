package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Failed and cancelled writes leave no staged file behind, also files that land late. */
class StagingCleanupWriteTest {
  private static final int DIM = 8;

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
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (bed.standIn().jobCount() == 0 && System.nanoTime() < deadline) {
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
}
