package io.milvusimport.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.MilvusServerException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import-job API against the stand-in as Milvus 2.6.24 and 3.0.2. */
class MilvusImportJobsTest {
  @TempDir Path dir;

  private MilvusStandIn.Builder standIn() {
    return MilvusStandIn.builder()
        .localStorage()
        .token(ImportTestBed.TOKEN)
        .stepDelay(Duration.ofMillis(10));
  }

  private MilvusImportJobs jobs(MilvusStandIn server) {
    server.createCollection("default", ImportTestBed.docsCollectionBody("docs", 2, 64));
    MilvusRestClient client =
        new MilvusRestClient(
            URI.create(server.uri()), "Bearer " + ImportTestBed.TOKEN, Duration.ofSeconds(5));
    return new MilvusImportJobs(client, "default", "docs", RetryPolicy.none());
  }

  private List<List<String>> oneFile() throws IOException {
    Path file = dir.resolve("rows.json");
    Files.writeString(
        file,
        "{\"rows\":[{\"id\":1,\"embedding\":[0.1,0.2],\"text\":\"a\"},"
            + "{\"id\":2,\"embedding\":[0.3,0.4],\"text\":\"b\"}]}");
    return List.of(List.of(file.toString()));
  }

  private static ImportJobStatus await(
      MilvusImportJobs jobs, String jobId, Predicate<ImportJobStatus> done) throws Exception {
    for (int i = 0; i < 500; i++) {
      ImportJobStatus status = jobs.describe(jobId);
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("job " + jobId + " did not get there");
  }

  @Test
  void sameIdempotencyKeyReturnsTheSameJob() throws Exception {
    try (MilvusStandIn server = standIn().start()) {
      MilvusImportJobs jobs = jobs(server);
      String first = jobs.create(oneFile(), null, Map.of(), "k-1");
      String again = jobs.create(oneFile(), null, Map.of(), "k-1");
      String other = jobs.create(oneFile(), null, Map.of(), "k-2");
      assertThat(again).isEqualTo(first);
      assertThat(other).isNotEqualTo(first);
    }
  }

  @Test
  void aServerThatIgnoresTheKeyMakesASecondJob() throws Exception {
    try (MilvusStandIn server = standIn().ignoreIdempotencyKey().start()) {
      MilvusImportJobs jobs = jobs(server);
      assertThat(jobs.create(oneFile(), null, Map.of(), "k"))
          .isNotEqualTo(jobs.create(oneFile(), null, Map.of(), "k"));
    }
  }

  @Test
  void twoPhaseImportIsDetectedOnlyOnThreeZero() {
    try (MilvusStandIn old = standIn().start();
        MilvusStandIn v3 = standIn().serverVersion("3.0.2").start()) {
      assertThat(jobs(old).supportsTwoPhaseImport()).isFalse();
      assertThat(jobs(v3).supportsTwoPhaseImport()).isTrue();
    }
  }

  @Test
  void uncommittedRowsBecomeVisibleOnlyAfterCommit() throws Exception {
    try (MilvusStandIn server = standIn().serverVersion("3.0.2").start()) {
      MilvusImportJobs jobs = jobs(server);
      String jobId = jobs.create(oneFile(), null, Map.of("auto_commit", "false"), "k");
      ImportJobStatus uncommitted = await(jobs, jobId, ImportJobStatus::doneReading);
      assertThat(uncommitted.state()).isEqualTo("Uncommitted");
      assertThat(uncommitted.importedRows()).isEqualTo(2);
      assertThat(server.rows("default", "docs")).isEmpty();

      jobs.commit(jobId);
      jobs.commit(jobId); // a repeated commit is a no-op
      await(jobs, jobId, ImportJobStatus::completed);
      assertThat(server.rows("default", "docs")).hasSize(2);
      assertThatThrownBy(() -> jobs.abort(jobId))
          .isInstanceOf(MilvusServerException.class)
          .hasMessageContaining("abort not allowed");
    }
  }

  @Test
  void abortedJobFailsAndShowsNothing() throws Exception {
    try (MilvusStandIn server = standIn().serverVersion("3.0.2").start()) {
      MilvusImportJobs jobs = jobs(server);
      String jobId = jobs.create(oneFile(), null, Map.of("auto_commit", "false"), "k");
      await(jobs, jobId, ImportJobStatus::uncommitted);
      jobs.abort(jobId);
      jobs.abort(jobId); // aborting an aborted job is a no-op
      ImportJobStatus status = jobs.describe(jobId);
      assertThat(status.failed()).isTrue();
      Thread.sleep(50);
      assertThat(server.rows("default", "docs")).isEmpty();
    }
  }

  @Test
  void autoCommitIsIgnoredByATwoSixServer() throws Exception {
    try (MilvusStandIn server = standIn().start()) {
      MilvusImportJobs jobs = jobs(server);
      String jobId = jobs.create(oneFile(), null, Map.of("auto_commit", "false"), "k");
      await(jobs, jobId, ImportJobStatus::completed);
      assertThat(server.rows("default", "docs")).hasSize(2);
    }
  }
}
