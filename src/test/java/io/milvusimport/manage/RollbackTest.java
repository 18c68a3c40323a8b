package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.RollbackFailedException;
import io.milvusimport.TargetCollectionExistsException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Undo for imports end to end: rows imported through {@code df.write} into a collection reached
 * through an alias, a bad import with {@code snapshotBefore}, then {@link
 * SnapshotManager#rollback}, asserting on the rows the stand-in serves behind the alias.
 */
@Tag("e2e")
class RollbackTest {
  private static final int DIM = 4;
  private static ImportTestBed bed;
  private static SnapshotManager manager;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().serverVersion("3.0.2").stepDelay(Duration.ofMillis(20)));
    manager = SnapshotManager.create(Map.of("uri", bed.standIn().uri(), "token", bed.token()));
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  private static TreeSet<Long> ids(List<Map<String, Object>> rows) {
    return SnapshotManagerTest.ids(rows);
  }

  private static void write(String collectionOrAlias, long firstId, long rows, String before) {
    var writer =
        bed.writer(
            bed.docs(rows, DIM, 2).selectExpr("id + " + firstId + " as id", "embedding", "text"),
            collectionOrAlias,
            "s3a://" + bed.bucket() + "/rollback/");
    if (before != null) {
      writer.option("snapshotBefore", before);
    }
    writer.save();
  }

  private static TreeSet<Long> range(long from, long count) {
    return LongStream.range(from, from + count)
        .boxed()
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void importThenBadImportThenRollbackThroughTheAliasServesThePreImportRows() {
    String collection = bed.createDocsCollection(DIM);
    String alias = collection + "_live";
    bed.standIn().createAlias("default", alias, collection);
    write(alias, 0, 120, null);
    write(alias, 5000, 80, "before_bad_load");
    assertThat(ids(bed.standIn().rows("default", alias))).hasSize(200);

    Rollback rollback = manager.rollback(alias, "before_bad_load");

    String restored = collection + "_before_bad_load";
    assertThat(rollback.alias()).isEqualTo(alias);
    assertThat(rollback.previousCollection()).isEqualTo(collection);
    assertThat(rollback.restoredCollection()).isEqualTo(restored);
    assertThat(rollback.job().completed()).isTrue();
    assertThat(rollback.previousDropped()).isFalse();
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(restored);
    List<Map<String, Object>> served = bed.standIn().rows("default", alias);
    assertThat(served).hasSize(120);
    assertThat(ids(served)).isEqualTo(range(0, 120));
    // The old collection is kept, bad rows and all, unless asked to drop it.
    assertThat(bed.standIn().hasCollection("default", collection)).isTrue();
    assertThat(bed.imported(collection)).hasSize(200);
    List<String> paths = bed.standIn().requestPaths();
    assertThat(paths.lastIndexOf("/v2/vectordb/aliases/alter"))
        .isGreaterThan(paths.lastIndexOf("/v2/vectordb/jobs/snapshot/describe"));
  }

  @Test
  void rollbackOfACollectionNameRestoresIntoTheNamedTargetAndDropsTheOldWhenAsked() {
    String collection = bed.createDocsCollection(DIM);
    write(collection, 0, 60, null);
    write(collection, 700, 40, "pre");
    String target = collection + "_fixed";
    int from = bed.standIn().requestPaths().size();

    Rollback rollback =
        manager.rollback(
            collection, "pre", RollbackOptions.defaults().targetCollection(target).dropOld(true));

    assertThat(rollback.alias()).isNull();
    assertThat(rollback.restoredCollection()).isEqualTo(target);
    assertThat(rollback.previousDropped()).isTrue();
    assertThat(ids(bed.imported(target))).isEqualTo(range(0, 60));
    assertThat(bed.standIn().hasCollection("default", collection)).isFalse();
    List<String> paths = bed.standIn().requestPaths();
    assertThat(paths.subList(from, paths.size()))
        .contains("/v2/vectordb/aliases/describe", "/v2/vectordb/collections/drop")
        .doesNotContain("/v2/vectordb/aliases/alter");
  }

  @Test
  void failedRestoreLeavesTheAliasWhereItWas() {
    String collection = bed.createDocsCollection(DIM);
    String alias = collection + "_read";
    bed.standIn().createAlias("default", alias, collection);
    write(alias, 0, 30, null);
    write(alias, 100, 30, "pre_fail");
    bed.standIn().failNextRestore("injected: segment copy failed");

    assertThatThrownBy(() -> manager.rollback(alias, "pre_fail"))
        .isInstanceOf(RollbackFailedException.class)
        .hasMessageContaining("snapshot 'pre_fail'")
        .hasMessageContaining("segment copy failed")
        .hasMessageContaining("alias '" + alias + "' still points at '" + collection + "'");
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(collection);
    assertThat(bed.standIn().rows("default", alias)).hasSize(60);
  }

  @Test
  void rollbackRefusesAnExistingOrInvalidTargetBeforeRestoring() {
    String collection = bed.createDocsCollection(DIM);
    write(collection, 0, 10, "pre_x");
    String other = bed.createDocsCollection(DIM);

    assertThatThrownBy(
            () ->
                manager.rollback(
                    collection, "pre_x", RollbackOptions.defaults().targetCollection(other)))
        .isInstanceOf(TargetCollectionExistsException.class)
        .hasMessageContaining(other);
    assertThatThrownBy(
            () ->
                manager.rollback(
                    collection, "pre_x", RollbackOptions.defaults().targetCollection("a-b")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'a-b'")
        .hasMessageContaining("character '-'");
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly("pre_x");
  }
}
