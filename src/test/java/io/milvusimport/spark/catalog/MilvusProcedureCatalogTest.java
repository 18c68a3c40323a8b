package io.milvusimport.spark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.PrintedText;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The snapshot operations as {@code CALL milvus.system.<name>(...)} on Spark 4.0 and later (Spark
 * 3.5 has no procedures: skipped there), against a 3.0.2 stand-in that keeps snapshots: each call
 * is checked against what the stand-in then holds.
 */
@Tag("e2e")
class MilvusProcedureCatalogTest {
  private static final int DIM = 4;
  private static final String SECRET = "Proc9SecretToken42";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static ImportTestBed bed;
  private static SparkSession spark;
  private static String cat;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().serverVersion("3.0.2").stepDelay(Duration.ofMillis(20)),
            "root:" + SECRET);
    spark = bed.spark();
    assumeThat(Integer.parseInt(spark.version().split("\\.")[0]))
        .as("CALL and ProcedureCatalog exist from Spark 4.0 (the class cannot load on 3.5)")
        .isGreaterThanOrEqualTo(4);
    cat = "milvus_p" + NAMES.incrementAndGet();
    CatalogTestBeds.register(
        bed, cat, "procedures", "io.milvusimport.spark.catalog.MilvusProcedureCatalog");
  }

  @AfterAll
  static void stopStack() {
    if (bed != null) {
      bed.close();
    }
  }

  private static String collectionWith(long rows) {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(rows, DIM, 1), collection, "s3a://" + bed.bucket() + "/procedures/")
        .option("format", "json")
        .save();
    return collection;
  }

  private static List<Row> call(String procedureAndArgs) {
    return spark.sql("CALL " + cat + ".system." + procedureAndArgs).collectAsList();
  }

  @Test
  void createSnapshotByNamedArgumentsSnapshotsTheCollectionAndAnswersItsDescription() {
    String collection = collectionWith(12);

    List<Row> made =
        call(
            "create_snapshot(collection => '"
                + collection
                + "', snapshot => 'nightly', description => 'after load')");

    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly("nightly");
    assertThat(bed.standIn().snapshotRows("default", collection, "nightly")).hasSize(12);
    assertThat(made).hasSize(1);
    Row row = made.get(0);
    assertThat(row.getString(row.fieldIndex("name"))).isEqualTo("nightly");
    assertThat(row.getString(row.fieldIndex("description"))).isEqualTo("after load");
    assertThat(row.getString(row.fieldIndex("database"))).isEqualTo("default");
    assertThat(row.getString(row.fieldIndex("collection"))).isEqualTo(collection);
  }

  @Test
  void listAndDescribeShowWhatTheStandInHolds() {
    String collection = collectionWith(5);
    call("create_snapshot('" + collection + "', 'one')");
    call("create_snapshot('" + collection + "', 'two', 'second one')");

    List<Row> listed = call("list_snapshots(collection => '" + collection + "')");
    List<Row> described = call("describe_snapshot('" + collection + "', 'two')");

    assertThat(listed)
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrderElementsOf(bed.standIn().snapshotNames("default", collection))
        .containsExactlyInAnyOrder("one", "two");
    assertThat(described).hasSize(1);
    assertThat(described.get(0).getString(1)).isEqualTo("second one");
  }

  @Test
  void dropSnapshotDropsItAndSaysFalseWhenThereWasNone() {
    String collection = collectionWith(3);
    call("create_snapshot('" + collection + "', 'gone')");

    Row first = call("drop_snapshot('" + collection + "', 'gone')").get(0);
    assertThat(bed.standIn().snapshotNames("default", collection)).isEmpty();
    Row second = call("drop_snapshot('" + collection + "', 'gone')").get(0);

    assertThat(first.getBoolean(first.fieldIndex("dropped"))).isTrue();
    assertThat(second.getBoolean(second.fieldIndex("dropped"))).isFalse();
  }

  @Test
  void restoreWithWaitFillsTheNewCollectionAndTheJobIsListedAndDescribed() {
    String collection = collectionWith(9);
    call("create_snapshot('" + collection + "', 'base')");
    String target = collection + "_restored";

    Row job =
        call("restore_snapshot(collection => '"
                + collection
                + "', snapshot => 'base', target => '"
                + target
                + "', wait => true)")
            .get(0);

    assertThat(bed.standIn().rows("default", target)).hasSize(9);
    assertThat(job.getString(job.fieldIndex("state"))).isEqualTo("RestoreSnapshotCompleted");
    String jobId = job.getString(job.fieldIndex("jobId"));
    assertThat(call("list_restore_jobs(target_collection => '" + target + "')"))
        .extracting(r -> r.getString(0))
        .containsExactly(jobId);
    assertThat(call("describe_restore_job('" + jobId + "')").get(0).getString(3)).isEqualTo(target);
  }

  @Test
  void rollbackPointsTheAliasAtTheRestoredCollection() {
    String collection = collectionWith(4);
    String alias = collection + "_live";
    bed.post(
        "aliases/create",
        "{\"collectionName\":\"" + collection + "\",\"aliasName\":\"" + alias + "\"}");
    call("create_snapshot('" + collection + "', 'good')");

    Row done = call("rollback(collection => '" + alias + "', snapshot => 'good')").get(0);

    String restored = done.getString(done.fieldIndex("restoredCollection"));
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(restored);
    assertThat(restored).isNotEqualTo(collection);
    assertThat(bed.standIn().rows("default", restored)).hasSize(4);
    assertThat(done.getString(done.fieldIndex("previousCollection"))).isEqualTo(collection);
    assertThat(bed.standIn().hasCollection("default", collection)).isTrue();
  }

  @Test
  void theDatabaseArgumentWorksInAnotherDatabase() {
    String db = "procdb" + NAMES.incrementAndGet();
    bed.post("databases/create", "{\"dbName\":\"" + db + "\"}");
    String collection = "docs_in_db";
    bed.post(
        "collections/create",
        ImportTestBed.docsCollectionBody(collection, DIM, 64)
            .replaceFirst("\\{", "{\"dbName\":\"" + db + "\","));

    call("create_snapshot('" + collection + "', 'elsewhere', database => '" + db + "')");

    assertThat(bed.standIn().snapshotNames(db, collection)).containsExactly("elsewhere");
    assertThat(call("list_snapshots('" + collection + "', database => '" + db + "')"))
        .extracting(r -> r.getString(2))
        .containsExactly(db);
  }

  @Test
  void anUnknownProcedureIsRefusedListingTheProcedures() {
    assertThatThrownBy(() -> call("make_snapshot('x', 'y')"))
        .hasStackTraceContaining("has no procedure system.make_snapshot")
        .hasStackTraceContaining("create_snapshot, list_snapshots");
  }

  @Test
  void errorsNameTheCollectionAndNeverShowTheToken() {
    String collection = collectionWith(1);
    List<String> printed;
    Throwable missing;
    Throwable badName;
    String explained;
    try (PrintedText text = new PrintedText(spark)) {
      missing = catchAll(() -> call("create_snapshot('no_such_docs', 'x')"));
      badName = catchAll(() -> call("create_snapshot('" + collection + "', '1x')"));
      explained =
          spark
              .sql("EXPLAIN EXTENDED CALL " + cat + ".system.list_snapshots('" + collection + "')")
              .collectAsList()
              .stream()
              .map(r -> r.getString(0))
              .collect(Collectors.joining());
      printed = text.texts();
    }

    assertThat(stackTrace(missing)).contains("no_such_docs").doesNotContain(SECRET);
    assertThat(stackTrace(badName)).contains("1x").doesNotContain(SECRET);
    assertThat(explained).doesNotContain(SECRET);
    assertThat(printed).isNotEmpty().noneMatch(t -> t.contains(SECRET));
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static Throwable catchAll(Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("the call did not fail");
  }
}
