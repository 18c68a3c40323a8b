package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.CollectionNotFoundException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.InvalidSnapshotNameException;
import io.milvusimport.RestoreJobNotFoundException;
import io.milvusimport.RestoreTimeoutException;
import io.milvusimport.SnapshotExistsException;
import io.milvusimport.SnapshotNotFoundException;
import io.milvusimport.SnapshotPinnedException;
import io.milvusimport.TargetCollectionExistsException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LogLines;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The snapshot management API end to end: rows imported through {@code df.write}, then snapshots
 * and restores through {@link SnapshotManager} against a 3.0.2 stand-in, asserting on what the
 * stand-in holds.
 */
@Tag("e2e")
class SnapshotManagerTest {
  private static final int DIM = 4;
  private static final AtomicInteger TARGETS = new AtomicInteger();
  private static ImportTestBed bed;
  private static SnapshotManager manager;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().serverVersion("3.0.2").stepDelay(Duration.ofMillis(20)));
    manager =
        SnapshotManager.create(
            Map.of(
                "uri",
                bed.standIn().uri(),
                "token",
                bed.token(),
                "pollInterval",
                "20ms",
                "stagingPath",
                "ignored://by-the-manager"));
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @AfterEach
  void resetStandIn() {
    bed.standIn().faults().reset();
    bed.standIn().restoreStepDelay(Duration.ofMillis(20));
  }

  /** A collection holding {@code rows} imported rows with ids from {@code firstId}. */
  private static String collectionWith(long rows) {
    String collection = bed.createDocsCollection(DIM);
    importRows(collection, 0, rows);
    return collection;
  }

  private static void importRows(String collection, long firstId, long rows) {
    bed.writer(
            bed.docs(rows, DIM, 2).selectExpr("id + " + firstId + " as id", "embedding", "text"),
            collection,
            "s3a://" + bed.bucket() + "/manage/")
        .save();
  }

  static TreeSet<Long> ids(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(r -> ((Number) r.get("id")).longValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String target() {
    return "restored_" + TARGETS.incrementAndGet();
  }

  @Test
  void restoredCollectionHoldsExactlyTheSnapshotsRows() {
    String collection = collectionWith(120);
    Instant before = Instant.now().minusSeconds(1);

    Snapshot made = manager.createSnapshot(collection, "before_load", "pre-import", 3600, true);
    importRows(collection, 1000, 30);

    assertThat(made.name()).isEqualTo("before_load");
    assertThat(made.description()).isEqualTo("pre-import");
    assertThat(made.collection()).isEqualTo(collection);
    assertThat(made.database()).isEqualTo("default");
    assertThat(made.partitions()).containsExactly("_default");
    assertThat(made.createdAt()).isBetween(before, Instant.now());
    assertThat(made.createTs() >> 18).isEqualTo(made.createdAt().toEpochMilli());
    assertThat(made.location()).contains("before_load");
    assertThat(manager.listSnapshots(collection)).containsExactly("before_load");
    assertThat(manager.describeSnapshots(collection))
        .extracting(Snapshot::name, Snapshot::createTs)
        .containsExactly(org.assertj.core.api.Assertions.tuple("before_load", made.createTs()));

    String target = target();
    RestoreJob started = manager.restoreSnapshot(collection, "before_load", target);
    RestoreJob done;
    try (LogLines log = LogLines.of(RestoreWaiter.class.getName())) {
      done = manager.waitForRestore(started.jobId(), 30);
      assertThat(log.lines())
          .anyMatch(l -> l.startsWith("INFO ") && l.contains(started.jobId()) && l.contains("%"))
          .last()
          .asString()
          .contains("ended RestoreSnapshotCompleted after");
    }

    assertThat(done.completed()).isTrue();
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.snapshot()).isEqualTo("before_load");
    assertThat(done.targetDatabase()).isEqualTo("default");
    assertThat(done.targetCollection()).isEqualTo(target);
    assertThat(done.startedAt()).isAfter(before);
    assertThat(bed.standIn().rows("default", collection)).hasSize(150);
    List<Map<String, Object>> restored = bed.standIn().rows("default", target);
    assertThat(restored).hasSize(120);
    assertThat(ids(restored)).first().isEqualTo(0L);
    assertThat(ids(restored)).hasSize(120).last().isEqualTo(119L);
    assertThat(bed.standIn().describeCollection("default", target).path("fields"))
        .isEqualTo(bed.standIn().describeCollection("default", collection).path("fields"));
  }

  @Test
  void createWithoutFlushHoldsOnlyRowsAnEarlierFlushPersisted() {
    String collection = collectionWith(40);

    manager.createSnapshot(collection, "unflushed", "", 0, false);
    manager.createSnapshot(collection, "flushed");

    assertThat(bed.standIn().snapshotRows("default", collection, "unflushed")).isEmpty();
    assertThat(bed.standIn().snapshotRows("default", collection, "flushed")).hasSize(40);
  }

  @Test
  void dropRemovesTheSnapshotAndReportsWhetherOneExisted() {
    String collection = collectionWith(10);
    manager.createSnapshot(collection, "to_drop");

    assertThat(manager.dropSnapshot(collection, "to_drop")).isTrue();
    assertThat(bed.standIn().snapshotNames("default", collection)).isEmpty();
    assertThat(manager.dropSnapshot(collection, "to_drop")).isFalse();
  }

  @Test
  void restoreJobsAreListedByTargetAndDescribedById() {
    String collection = collectionWith(10);
    manager.createSnapshot(collection, "listed");
    String target = target();
    RestoreJob job = manager.restoreSnapshot(collection, "listed", target);
    manager.waitForRestore(job.jobId(), Duration.ofSeconds(30));

    assertThat(manager.restoreJobs("default", target))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.jobId()).isEqualTo(job.jobId());
              assertThat(j.state()).isEqualTo(RestoreJob.COMPLETED);
              assertThat(j.snapshot()).isEqualTo("listed");
            });
    assertThat(manager.restoreJobs()).extracting(RestoreJob::jobId).contains(job.jobId());
    assertThat(manager.restoreJob(job.jobId()).completed()).isTrue();
  }

  @Test
  void missingSnapshotAndCollectionAreNamed() {
    String collection = collectionWith(5);

    assertThatThrownBy(() -> manager.describeSnapshot(collection, "nope"))
        .isInstanceOfSatisfying(
            SnapshotNotFoundException.class,
            e -> {
              assertThat(e.snapshot()).isEqualTo("nope");
              assertThat(e.collection()).isEqualTo(collection);
              assertThat(e.database()).isEqualTo("default");
            })
        .hasMessageContaining("snapshot 'nope' of collection '" + collection + "'")
        .hasMessageContaining("database 'default'");
    assertThatThrownBy(() -> manager.restoreSnapshot(collection, "nope", target()))
        .isInstanceOf(SnapshotNotFoundException.class);
    assertThatThrownBy(() -> manager.listSnapshots("no_such_collection"))
        .isInstanceOf(CollectionNotFoundException.class)
        .hasMessageContaining("'no_such_collection' does not exist in database 'default'");
    assertThatThrownBy(() -> manager.createSnapshot("no_such_collection", "s"))
        .isInstanceOfSatisfying(
            CollectionNotFoundException.class, e -> assertThat(e.snapshot()).isEqualTo("s"));
  }

  @Test
  void invalidNameIsRefusedWithTheRuleBeforeAnyCall() {
    String collection = collectionWith(5);

    assertThatThrownBy(() -> manager.createSnapshot(collection, "nightly-2025.01"))
        .isInstanceOf(InvalidSnapshotNameException.class)
        .hasMessageContaining("snapshot 'nightly-2025.01' of collection '" + collection + "'")
        .hasMessageContaining("character '-' at position 7")
        .hasMessageContaining("the first a letter or '_'");
    assertThatThrownBy(() -> manager.createSnapshot(collection, "ok", "", 8 * 24 * 3600L, true))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("0 to 7 days");
    assertThat(bed.standIn().snapshotNames("default", collection)).isEmpty();
  }

  @Test
  void takenNameIsRefused() {
    String collection = collectionWith(5);
    manager.createSnapshot(collection, "taken", "first", 0, true);

    assertThatThrownBy(() -> manager.createSnapshot(collection, "taken", "second", 0, true))
        .isInstanceOf(SnapshotExistsException.class)
        .hasMessageContaining("The name is taken: snapshot 'taken' of collection");
    assertThat(manager.describeSnapshot(collection, "taken").description()).isEqualTo("first");
  }

  @Test
  void existingTargetIsRefusedBeforeTheRestoreCall() {
    String collection = collectionWith(5);
    String other = bed.createDocsCollection(DIM);
    manager.createSnapshot(collection, "snap");

    assertThatThrownBy(() -> manager.restoreSnapshot(collection, "snap", other))
        .isInstanceOfSatisfying(
            TargetCollectionExistsException.class, e -> assertThat(e.collection()).isEqualTo(other))
        .hasMessageContaining("into collection '" + other + "' in database 'default'");
    assertThat(manager.restoreJobs("default", other)).isEmpty();
  }

  @Test
  void snapshotPinnedByARunningRestoreCannotBeDropped() {
    String collection = collectionWith(5);
    manager.createSnapshot(collection, "pinned");
    bed.standIn().restoreStepDelay(Duration.ofMillis(400));
    RestoreJob job = manager.restoreSnapshot(collection, "pinned", target());

    assertThatThrownBy(() -> manager.dropSnapshot(collection, "pinned"))
        .isInstanceOf(SnapshotPinnedException.class)
        .hasMessageContaining("snapshot 'pinned' of collection '" + collection + "'")
        .hasMessageContaining("snapshot is pinned");

    manager.waitForRestore(job.jobId(), 30);
    assertThat(manager.dropSnapshot(collection, "pinned")).isTrue();
  }

  @Test
  void timeoutSaysTheJobKeepsRunningAndHowToCheckIt() {
    String collection = collectionWith(5);
    manager.createSnapshot(collection, "slow");
    bed.standIn().restoreStepDelay(Duration.ofMillis(700));
    String target = target();
    RestoreJob job = manager.restoreSnapshot(collection, "slow", target);

    assertThatThrownBy(() -> manager.waitForRestore(job.jobId(), Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            RestoreTimeoutException.class,
            e -> {
              assertThat(e.jobId()).isEqualTo(job.jobId());
              assertThat(e.collection()).isEqualTo(target);
            })
        .hasMessageContaining("snapshot 'slow'")
        .hasMessageContaining("keeps running on the server")
        .hasMessageContaining("restoreJob(\"" + job.jobId() + "\")");
    assertThat(manager.waitForRestore(job.jobId(), 30).completed()).isTrue();
    assertThat(bed.standIn().rows("default", target)).hasSize(5);
  }

  @Test
  void unknownRestoreJobIsNamed() {
    assertThatThrownBy(() -> manager.restoreJob("4242"))
        .isInstanceOfSatisfying(
            RestoreJobNotFoundException.class, e -> assertThat(e.jobId()).isEqualTo("4242"))
        .hasMessageContaining("restore job 4242")
        .hasMessageContaining("3 hours");
  }

  @Test
  void failedRestoreEndsWithItsReasonAndNoTargetLeft() {
    String collection = collectionWith(5);
    manager.createSnapshot(collection, "fails");
    bed.standIn().failNextRestore("copy segment failed: injected");
    String target = target();

    RestoreJob job =
        manager.waitForRestore(manager.restoreSnapshot(collection, "fails", target).jobId(), 30);

    assertThat(job.failed()).isTrue();
    assertThat(job.reason()).isEqualTo("copy segment failed: injected");
    assertThat(bed.standIn().hasCollection("default", target)).isFalse();
  }

  @Test
  void createWhoseAnswerWasLostIsSettledByDescribe() {
    String collection = collectionWith(5);
    bed.standIn().faults().loseReply("snapshots/create", 1, Duration.ZERO);

    Snapshot made = manager.createSnapshot(collection, "lost_answer", "mine", 0, true);

    assertThat(made.description()).isEqualTo("mine");
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly("lost_answer");
  }

  @Test
  void restoreWhoseAnswerWasLostFollowsTheJobItStarted() {
    String collection = collectionWith(8);
    manager.createSnapshot(collection, "lost_restore");
    bed.standIn().faults().loseReply("snapshots/restore", 1, Duration.ZERO);
    String target = target();

    RestoreJob job = manager.restoreSnapshot(collection, "lost_restore", target);

    assertThat(manager.waitForRestore(job.jobId(), 30).completed()).isTrue();
    assertThat(manager.restoreJobs("default", target)).hasSize(1);
    assertThat(bed.standIn().rows("default", target)).hasSize(8);
  }
}
