package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.RestoreJobNotFoundException;
import io.milvusimport.SnapshotsUnsupportedException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Servers without REST snapshots, and the restore-job retention, against bare stand-ins. */
class SnapshotServerVersionsTest {
  private static MilvusStandIn standIn(MilvusStandIn.Builder builder) {
    MilvusStandIn standIn = builder.token(ImportTestBed.TOKEN).start();
    standIn.createCollection("default", ImportTestBed.docsCollectionBody("docs", 4, 64));
    return standIn;
  }

  private static SnapshotManager manager(MilvusStandIn standIn) {
    return SnapshotManager.create(
        Map.of("uri", standIn.uri(), "token", ImportTestBed.TOKEN, "pollInterval", "20ms"));
  }

  @Test
  void milvus300SaysSnapshotsNeed301AndStillListsRestoreJobs() {
    try (MilvusStandIn standIn = standIn(MilvusStandIn.builder().serverVersion("3.0.0"))) {
      SnapshotManager manager = manager(standIn);

      assertThatThrownBy(() -> manager.createSnapshot("docs", "before"))
          .isInstanceOfSatisfying(
              SnapshotsUnsupportedException.class,
              e -> {
                assertThat(e.snapshot()).isEqualTo("before");
                assertThat(e.collection()).isEqualTo("docs");
                assertThat(e.database()).isEqualTo("default");
              })
          .hasMessageContaining("/v2/vectordb/snapshots/create (HTTP 404)")
          .hasMessageContaining("needs Milvus 3.0.1+");
      assertThatThrownBy(() -> manager.listSnapshots("docs"))
          .isInstanceOf(SnapshotsUnsupportedException.class);
      assertThat(manager.restoreJobs()).isEmpty();
    }
  }

  @Test
  void milvus26HasNoSnapshotRoutesAtAll() {
    try (MilvusStandIn standIn = standIn(MilvusStandIn.builder().serverVersion("2.6.24"))) {
      SnapshotManager manager = manager(standIn);

      assertThatThrownBy(() -> manager.restoreJobs())
          .isInstanceOf(SnapshotsUnsupportedException.class)
          .hasMessageContaining("jobs/snapshot/list (HTTP 404)")
          .hasMessageContaining("asked about the restore jobs in database 'default'")
          .hasMessageContaining("needs Milvus 3.0.1+");
      assertThatThrownBy(() -> manager.listSnapshots("docs"))
          .isInstanceOf(SnapshotsUnsupportedException.class)
          .hasMessageContaining("asked about the snapshots of collection 'docs'");
      assertThatThrownBy(() -> manager.restoreSnapshot("docs", "s", "docs_restored"))
          .isInstanceOf(SnapshotsUnsupportedException.class)
          .hasMessageContaining("snapshot 's' of collection 'docs'");
    }
  }

  @Test
  void finishedRestoreJobsAreForgottenAfterTheRetention() throws InterruptedException {
    try (MilvusStandIn standIn =
        standIn(
            MilvusStandIn.builder()
                .serverVersion("3.0.2")
                .stepDelay(Duration.ofMillis(10))
                .restoreJobRetention(Duration.ofMillis(300)))) {
      SnapshotManager manager = manager(standIn);
      manager.createSnapshot("docs", "empty");
      RestoreJob job = manager.restoreSnapshot("docs", "empty", "docs_restored");
      assertThat(manager.waitForRestore(job.jobId(), 30).completed()).isTrue();
      assertThat(standIn.hasCollection("default", "docs_restored")).isTrue();

      Thread.sleep(600);

      assertThatThrownBy(() -> manager.restoreJob(job.jobId()))
          .isInstanceOf(RestoreJobNotFoundException.class)
          .hasMessageContaining("more than 3 hours ago");
      assertThat(manager.restoreJobs()).isEmpty();
    }
  }
}
