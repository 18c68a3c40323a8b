package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of staged files become several import jobs, never more unfinished than the cap. */
@Tag("e2e")
class CommitScaleWriteTest {
  private static final int DIM = 16;

  @Test
  void threeThousandFilesCommitAsSeveralJobsWithinTheConcurrencyCap(@TempDir Path staging) {
    try (ImportTestBed bed =
        ImportTestBed.startLocalStorage(
            MilvusStandIn.builder().stepDelay(Duration.ofMillis(30)).maxUnfinishedJobs(3))) {
      String collection = bed.createDocsCollection(DIM);

      bed.writer(bed.docs(20_000, DIM, 4), collection, staging.toUri().toString())
          .option("maxFileSize", "1kb")
          .option("maxFilesPerJob", "400")
          .option("maxConcurrentJobs", "2")
          .save();

      assertExactlyOnce(bed.imported(collection), 20_000, DIM);
      List<JsonNode> creates = createRequests(bed, collection);
      int files = creates.stream().mapToInt(c -> c.get("files").size()).sum();
      assertThat(files).isGreaterThanOrEqualTo(3000);
      assertThat(creates.size()).isGreaterThanOrEqualTo(files / 400);
      assertThat(bed.standIn().peakUnfinishedJobs()).isBetween(1L, 2L);
    }
  }
}
