package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.CollectionNotFoundException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.SnapshotsUnsupportedException;
import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.Snapshot;
import io.milvusimport.manage.SnapshotManager;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Snapshot and restore-job listings read as DataFrames and SQL views of the milvus-import source,
 * end to end: rows imported with {@code df.write}, snapshots and restores made with {@link
 * SnapshotManager} on a 3.0.2 stand-in, and the listing compared with what the stand-in holds.
 */
@Tag("e2e")
class SnapshotListingReadTest {
  private static final int DIM = 4;
  private static final String TOKEN = "root:listing-Secret-7f3a";
  private static ImportTestBed bed;
  private static SnapshotManager manager;

  @BeforeAll
  static void startStack() {
    MilvusStandIn.Builder v302 = MilvusStandIn.builder().serverVersion("3.0.2");
    bed = ImportTestBed.start(v302.stepDelay(Duration.ofMillis(20)), TOKEN);
    manager = SnapshotManager.create(connection());
  }

  /** The connection options of the listings and the manager alike. */
  private static Map<String, String> connection() {
    return Map.of("uri", bed.standIn().uri(), "token", TOKEN, "pollInterval", "20ms");
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  private static String collectionWith(long rows) {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(rows, DIM, 1), collection, "s3a://" + bed.bucket() + "/listing/").save();
    return collection;
  }

  private static DataFrameReader read(String list) {
    return bed.spark().read().format("milvus-import").options(connection()).option("list", list);
  }

  private static Throwable rootOf(Executable call) {
    Throwable thrown = null;
    try {
      call.execute();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("the read fails").isNotNull();
    while (thrown.getCause() != null
        && !(thrown instanceof io.milvusimport.MilvusImportException)) {
      thrown = thrown.getCause();
    }
    return thrown;
  }

  @Test
  void snapshotsOfACollectionAreOneRowEachWithEveryDescribedField() {
    String collection = collectionWith(20);
    Snapshot first = manager.createSnapshot(collection, "first", "before load", 0, true);
    Snapshot second = manager.createSnapshot(collection, "second");

    Dataset<Row> df = read("snapshots").option("collection", collection).load();
    List<Row> rows = df.orderBy("createTs").collectAsList();

    assertThat(df.schema().fieldNames())
        .containsExactly(
            "name",
            "description",
            "database",
            "collection",
            "partitions",
            "createdAt",
            "createTs",
            "location");
    assertThat(df.schema().apply("createdAt").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(rows)
        .extracting(r -> r.getString(0))
        .containsExactlyElementsOf(bed.standIn().snapshotNames("default", collection))
        .containsExactly("first", "second");
    Row row = rows.get(0);
    assertThat(row.getString(1)).isEqualTo("before load");
    assertThat(row.getString(2)).isEqualTo("default");
    assertThat(row.getString(3)).isEqualTo(collection);
    assertThat(row.<String>getList(4)).containsExactly("_default");
    assertThat(row.getTimestamp(5)).isEqualTo(Timestamp.from(first.createdAt()));
    assertThat(row.getLong(6)).isEqualTo(first.createTs());
    assertThat(row.getString(7)).isEqualTo(first.location()).contains("first");
    assertThat(rows.get(1).getLong(6)).isEqualTo(second.createTs());
    assertThat(df.rdd().getNumPartitions()).isEqualTo(1);
  }

  @Test
  void restoreJobsAreListedAndFilteredByTarget() {
    String collection = collectionWith(10);
    manager.createSnapshot(collection, "to_restore");
    String one = collection + "_r1";
    String two = collection + "_r2";
    RestoreJob jobOne =
        manager.waitForRestore(manager.restoreSnapshot(collection, "to_restore", one).jobId(), 30);
    manager.waitForRestore(manager.restoreSnapshot(collection, "to_restore", two).jobId(), 30);

    List<Row> filtered = read("restoreJobs").option("targetCollection", one).load().collectAsList();
    List<Row> all = read("restoreJobs").load().collectAsList();

    assertThat(filtered)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getString(r.fieldIndex("jobId"))).isEqualTo(jobOne.jobId());
              assertThat(r.getString(r.fieldIndex("snapshot"))).isEqualTo("to_restore");
              assertThat(r.getString(r.fieldIndex("targetDatabase"))).isEqualTo("default");
              assertThat(r.getString(r.fieldIndex("targetCollection"))).isEqualTo(one);
              assertThat(r.getString(r.fieldIndex("state"))).isEqualTo(RestoreJob.COMPLETED);
              assertThat(r.getInt(r.fieldIndex("progress"))).isEqualTo(100);
              assertThat(r.getString(r.fieldIndex("reason"))).isEmpty();
              assertThat(r.getTimestamp(r.fieldIndex("startTime")))
                  .isEqualTo(Timestamp.from(jobOne.startedAt()));
              assertThat(r.getLong(r.fieldIndex("timeCostMs"))).isEqualTo(jobOne.timeCostMillis());
            });
    assertThat(all)
        .extracting(r -> r.getString(r.fieldIndex("targetCollection")))
        .contains(one, two);
    assertThat(bed.standIn().rows("default", one)).hasSize(10);
    assertThat(read("restoreJobs").option("targetDatabase", "other_db").load().count()).isZero();
  }

  @Test
  void sqlTemporaryViewListsWithSessionDefaultsAndAsksMilvusOnEveryQuery() {
    String collection = collectionWith(5);
    manager.createSnapshot(collection, "in_sql");
    manager.createSnapshot(collection, "also_in_sql");
    bed.spark().conf().set("spark.datasource.milvus.uri", bed.standIn().uri());
    bed.spark().conf().set("spark.datasource.milvus.token", TOKEN);
    try {
      bed.spark()
          .sql(
              "CREATE OR REPLACE TEMPORARY VIEW snaps USING `milvus-import`"
                  + " OPTIONS (list 'snapshots', collection '"
                  + collection
                  + "')");
      List<Row> rows =
          bed.spark()
              .sql("SELECT name, collection FROM snaps WHERE name LIKE '%in_sql' ORDER BY name")
              .collectAsList();

      assertThat(rows)
          .extracting(r -> r.getString(0) + "@" + r.getString(1))
          .containsExactly("also_in_sql@" + collection, "in_sql@" + collection);

      manager.createSnapshot(collection, "later_in_sql");
      assertThat(bed.spark().sql("SELECT name FROM snaps ORDER BY name").collectAsList())
          .as("each query of the view asks Milvus again")
          .extracting(r -> r.getString(0))
          .containsExactly("also_in_sql", "in_sql", "later_in_sql");
    } finally {
      bed.spark().conf().unset("spark.datasource.milvus.uri");
      bed.spark().conf().unset("spark.datasource.milvus.token");
    }
  }

  @Test
  void tokenNeverAppearsInExplainedPlans() {
    String collection = collectionWith(5);
    manager.createSnapshot(collection, "explained");
    String view =
        "CREATE OR REPLACE TEMPORARY VIEW explained_snaps USING `milvus-import` OPTIONS (uri '"
            + bed.standIn().uri()
            + "', token '"
            + TOKEN
            + "', list 'snapshots', collection '"
            + collection
            + "')";
    bed.spark().sql(view);

    String plans =
        String.join(
            "\n",
            explain("EXPLAIN EXTENDED " + view),
            explain("EXPLAIN EXTENDED SELECT * FROM explained_snaps"),
            read("snapshots").option("collection", collection).load().queryExecution().toString());

    assertThat(plans)
        .contains("Milvus snapshots of default." + collection)
        .contains("token -> *********(redacted)")
        .doesNotContain(TOKEN)
        .doesNotContain("listing-Secret");
    assertThat(bed.spark().sql("SELECT name FROM explained_snaps").collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("explained");
  }

  private static String explain(String sql) {
    return bed.spark().sql(sql).collectAsList().stream()
        .map(r -> r.getString(0))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void readWithoutListOrWithAnUnknownOneNamesTheOptionAndTheAcceptedValues() {
    assertThat(rootOf(() -> bed.spark().read().format("milvus-import").load()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("needs option 'list'")
        .hasMessageContaining("'snapshots', 'restoreJobs'");
    assertThat(rootOf(() -> read("segments").load()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(
            "Option 'list' is 'segments': accepted are 'snapshots', 'restoreJobs'");
    assertThat(rootOf(() -> read("snapshots").load().collectAsList()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'collection' is required");
    assertThat(rootOf(() -> read("snapshots").option("colection", "x").load().collectAsList()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Unknown option(s) [colection]");
    assertThat(
            rootOf(
                () ->
                    read("snapshots")
                        .schema("name STRING")
                        .option("collection", "x")
                        .load()
                        .collectAsList()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("A listing of snapshots has a fixed schema");
  }

  @Test
  void missingCollectionIsNamedWithoutTheToken() {
    Throwable error =
        rootOf(() -> read("snapshots").option("collection", "no_such_docs").load().collectAsList());

    assertThat(error)
        .isInstanceOf(CollectionNotFoundException.class)
        .hasMessageContaining("'no_such_docs' does not exist in database 'default'")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void serverWithoutSnapshotsSaysWhichVersionIsNeeded() {
    try (MilvusStandIn old = MilvusStandIn.builder().serverVersion("2.6.24").token(TOKEN).start()) {
      old.createCollection("default", ImportTestBed.docsCollectionBody("old_docs", DIM, 64));
      Throwable error =
          rootOf(
              () ->
                  bed.spark()
                      .read()
                      .format("milvus-import")
                      .option("uri", old.uri())
                      .option("token", TOKEN)
                      .option("list", "snapshots")
                      .option("collection", "old_docs")
                      .load()
                      .collectAsList());

      assertThat(error)
          .isInstanceOf(SnapshotsUnsupportedException.class)
          .hasMessageContaining("needs Milvus 3.0.1+");
    }
  }
}
