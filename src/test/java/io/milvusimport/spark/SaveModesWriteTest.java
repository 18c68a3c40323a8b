package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.CollectionExistsException;
import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.SchemaMismatchException;
import io.milvusimport.testkit.CountPoller;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every save mode through df.write, with the collection absent, present and as an alias. */
@Tag("e2e")
class SaveModesWriteTest {
  private static final int DIM = 8;
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start(MilvusStandIn.builder().stepDelay(Duration.ofMillis(20)));
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  private static String fresh() {
    return "saved_" + NAMES.incrementAndGet();
  }

  /** A writer without .mode(...): Spark's default, errorifexists. */
  private static DataFrameWriter<Row> writer(Dataset<Row> df, String collection) {
    return writer(df).option("collection", collection);
  }

  /** A writer without .mode(...) and without option collection. */
  private static DataFrameWriter<Row> writer(Dataset<Row> df) {
    return df.write()
        .format("milvus-import")
        .option("uri", bed.standIn().uri())
        .option("token", bed.token())
        .option("stagingPath", s3Staging("modes"))
        .option("pollInterval", "20ms");
  }

  private static DataFrameWriter<Row> designed(DataFrameWriter<Row> writer) {
    return writer
        .option("primaryKey", "id")
        .option("vectorDims", "embedding:" + DIM)
        .option("maxLength", "text:64");
  }

  /** A docs collection with an HNSW index on the vector, holding {@code rows} rows. */
  private static String existing(String name, int rows) {
    bed.standIn()
        .createCollection(
            "default",
            ImportTestBed.docsCollectionBody(name, DIM, 64)
                .replaceFirst(
                    "}}$",
                    "},\"indexParams\":[{\"fieldName\":\"embedding\",\"indexName\":\"emb_idx\","
                        + "\"metricType\":\"L2\",\"indexType\":\"HNSW\","
                        + "\"params\":{\"M\":16,\"efConstruction\":64}}]}"));
    if (rows > 0) {
      bed.writer(bed.docs(rows, DIM, 1), name, s3Staging("seed")).save();
    }
    return name;
  }

  private static long importJobsFor(String collection) {
    return bed.standIn().importRequests().stream()
        .filter(r -> r.path("collectionName").asText().equals(collection))
        .count();
  }

  @Test
  void defaultModeCreatesTheMissingCollectionFromTheDataFrameAndImports() {
    String name = fresh();

    designed(writer(bed.docs(120, DIM, 2), name)).save();

    JsonNode d = bed.standIn().describeCollection("default", name);
    assertThat(d.path("fields").toString())
        .contains("\"name\":\"id\"", "\"type\":\"Int64\"", "\"primaryKey\":true")
        .contains(
            "\"name\":\"embedding\"",
            "\"type\":\"FloatVector\"",
            "{\"key\":\"dim\",\"value\":\"8\"}")
        .contains(
            "\"name\":\"text\"",
            "\"type\":\"VarChar\"",
            "{\"key\":\"max_length\",\"value\":\"64\"}");
    assertThat(d.path("indexes").toString())
        .contains("\"fieldName\":\"embedding\"", "\"metricType\":\"COSINE\"");
    assertExactlyOnce(bed.standIn().rows("default", name), 120, DIM);
  }

  @Test
  void missingDesignOptionsAreReportedTogetherBeforeAnythingIsCreated() {
    String name = fresh();
    int before = bed.standIn().requestPaths().size();

    assertThatThrownBy(() -> writer(bed.docs(5, DIM, 1), name).save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("3 problem(s)")
        .hasMessageContaining("option 'primaryKey' is required")
        .hasMessageContaining("'vectorDims' = 'embedding:<dim>'")
        .hasMessageContaining("option 'maxLength' = 'text:<n>'");

    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
    assertThat(bed.standIn().requestPaths().subList(before, bed.standIn().requestPaths().size()))
        .noneMatch(p -> p.endsWith("collections/create"));
  }

  @Test
  void errorIfExistsOnAnExistingCollectionSaysToUseAppend() {
    String name = existing(fresh(), 10);

    assertThatThrownBy(() -> designed(writer(bed.docs(5, DIM, 1), name)).save())
        .isInstanceOf(CollectionExistsException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining(".mode(\"append\")");

    assertThat(importJobsFor(name)).isEqualTo(1); // the seed only
    assertThat(bed.standIn().rows("default", name)).hasSize(10);
  }

  @Test
  void ignoreWritesNothingIntoAnExistingCollection() {
    String name = existing(fresh(), 10);

    writer(bed.docs(5, DIM, 1), name).mode("ignore").save();

    assertThat(importJobsFor(name)).isEqualTo(1);
    assertThat(bed.standIn().rows("default", name)).hasSize(10);
  }

  @Test
  void ignoreCreatesAndImportsAMissingCollection() {
    String name = fresh();

    designed(writer(bed.docs(7, DIM, 1), name)).mode("ignore").save();

    assertExactlyOnce(bed.standIn().rows("default", name), 7, DIM);
  }

  @Test
  void appendAddsToAnExistingCollection() {
    String name = existing(fresh(), 0);

    writer(bed.docs(9, DIM, 1), name).mode("append").save();

    assertExactlyOnce(bed.standIn().rows("default", name), 9, DIM);
  }

  @Test
  void appendToAMissingCollectionFailsUnlessCreateCollectionIsSet() {
    String name = fresh();

    assertThatThrownBy(() -> designed(writer(bed.docs(5, DIM, 1), name)).mode("append").save())
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("does not exist");
    assertThat(bed.standIn().hasCollection("default", name)).isFalse();

    designed(writer(bed.docs(5, DIM, 1), name))
        .mode("append")
        .option("createCollection", "true")
        .save();
    assertExactlyOnce(bed.standIn().rows("default", name), 5, DIM);
  }

  @Test
  void overwriteOfAMissingCollectionCreatesIt() {
    String name = fresh();

    designed(writer(bed.docs(6, DIM, 1), name)).mode("overwrite").save();

    assertExactlyOnce(bed.standIn().rows("default", name), 6, DIM);
  }

  @Test
  void overwriteOfAnAliasImportsIntoANewCollectionSwapsTheAliasAndDropsTheOld() {
    String old = existing(fresh(), 40);
    String alias = fresh() + "_live";
    bed.standIn().createAlias("default", alias, old);

    writer(bed.docs(15, DIM, 2), alias).mode("overwrite").save();

    String now = bed.standIn().aliasTarget("default", alias);
    assertThat(now).startsWith(alias + "_").isNotEqualTo(old);
    assertThat(bed.standIn().hasCollection("default", old)).isFalse();
    assertExactlyOnce(bed.standIn().rows("default", alias), 15, DIM);
    JsonNode d = bed.standIn().describeCollection("default", now);
    assertThat(d.path("indexes").toString())
        .contains("\"indexName\":\"emb_idx\"", "\"metricType\":\"L2\"");
    JsonNode created =
        bed.standIn().collectionCreateRequests().stream()
            .filter(b -> b.path("collectionName").asText().equals(now))
            .findFirst()
            .orElseThrow();
    assertThat(created.path("indexParams").toString())
        .contains("\"indexType\":\"HNSW\"", "\"efConstruction\":64");
  }

  @Test
  void overwriteOfAnAliasKeepsTheOldCollectionWhenAsked() {
    String old = existing(fresh(), 12);
    String alias = fresh() + "_live";
    bed.standIn().createAlias("default", alias, old);

    writer(bed.docs(3, DIM, 1), alias).mode("overwrite").option("keepOldCollection", "true").save();

    assertThat(bed.standIn().rows("default", old)).hasSize(12);
    assertExactlyOnce(bed.standIn().rows("default", alias), 3, DIM);
  }

  @Test
  void aReaderPollingTheAliasDuringAnOverwriteSeesOnlyTheOldOrTheNewCount() throws Exception {
    String old = existing(fresh(), 50);
    String alias = fresh() + "_live";
    bed.standIn().createAlias("default", alias, old);
    CountPoller reader = CountPoller.start(() -> bed.standIn().rows("default", alias).size());
    try (reader) {
      // four jobs, each completing on its own, into the new collection
      writer(bed.docs(80, DIM, 4), alias)
          .mode("overwrite")
          .option("maxFilesPerJob", "1")
          .option("atomic", "false")
          .save();
    }

    // A read that resolved the alias just before the swap and reached the old collection just
    // after its drop fails "not found" (as an in-flight query can on Milvus); none sees a count.
    assertThat(reader.errors()).allMatch(e -> e.contains("collection not found"));
    assertThat(reader.polls()).isGreaterThan(10);
    assertThat(reader.seen()).isSubsetOf(50, 80).contains(50, 80);
    assertThat(importJobsFor(bed.standIn().aliasTarget("default", alias))).isEqualTo(4);
  }

  @Test
  void aFailedImportDuringAnAliasOverwriteLeavesNoNewCollectionAndTheAliasUnchanged() {
    String old = existing(fresh(), 20);
    String alias = fresh() + "_live";
    bed.standIn().createAlias("default", alias, old);
    List<String> before = bed.standIn().collectionNames("default");
    bed.standIn().faults().failNextJob("injected: bad file");

    assertThatThrownBy(() -> writer(bed.docs(10, DIM, 1), alias).mode("overwrite").save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("was dropped again")
        .hasMessageContaining("alias '" + alias + "' was not moved");

    assertThat(bed.standIn().collectionNames("default")).isEqualTo(before);
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(old);
    assertThat(bed.standIn().rows("default", alias)).hasSize(20);
  }

  @Test
  void aFailedImportIntoACreatedCollectionDropsIt() {
    String name = fresh();
    bed.standIn().faults().failNextJob("injected: bad file");

    assertThatThrownBy(() -> designed(writer(bed.docs(10, DIM, 1), name)).save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("collection '" + name + "' (the write created it) was dropped again");

    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
  }

  @Test
  void aRefusedCreateLeavesNoCollectionAndSaysNothingWasImported() {
    String name = fresh();
    bed.standIn().faults().failNext("collections/create", 1, 1100, "injected: create refused");

    assertThatThrownBy(() -> designed(writer(bed.docs(4, DIM, 1), name)).save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("Creating collection '" + name + "'")
        .hasMessageContaining("nothing was imported")
        .hasMessageContaining("injected: create refused");

    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
    assertThat(importJobsFor(name)).isZero();
  }

  @Test
  void overwriteOfAPlainCollectionRecreatesItInTheCommitAfterTheTasksStaged() {
    String name = existing(fresh(), 30);
    int before = bed.standIn().requestPaths().size();

    writer(bed.docs(11, DIM, 2), name).mode("overwrite").save();

    assertExactlyOnce(bed.standIn().rows("default", name), 11, DIM);
    assertThat(bed.standIn().collectionNames("default")).contains(name);
    assertThat(bed.standIn().describeCollection("default", name).path("indexes").toString())
        .contains("emb_idx");
    List<String> calls =
        bed.standIn().requestPaths().subList(before, bed.standIn().requestPaths().size());
    int drop = indexOf(calls, "collections/drop");
    int create = indexOf(calls, "collections/create");
    int firstJob = indexOf(calls, "jobs/import/create");
    assertThat(drop).isPositive().isLessThan(create);
    assertThat(create).isLessThan(firstJob);
  }

  @Test
  void aRecreateOverwriteWhoseTasksFailLeavesTheCollectionUntouched() {
    String name = existing(fresh(), 30);
    Dataset<Row> tooLong =
        bed.docs(5, DIM, 1).selectExpr("id", "embedding", "repeat('x', 100) as text");

    assertThatThrownBy(() -> writer(tooLong, name).mode("overwrite").save())
        .hasMessageContaining("max_length");

    assertThat(bed.standIn().rows("default", name)).hasSize(30);
  }

  @Test
  void overwriteReplaceTurnsAPlainCollectionIntoAnAliasOfTheNewOne() {
    String name = existing(fresh(), 30);

    writer(bed.docs(4, DIM, 1), name)
        .mode("overwrite")
        .option("overwriteStrategy", "replace")
        .save();

    String target = bed.standIn().aliasTarget("default", name);
    assertThat(target).startsWith(name + "_");
    assertExactlyOnce(bed.standIn().rows("default", name), 4, DIM);
  }

  @Test
  void overwriteSwapOfAPlainCollectionIsRefusedBeforeAnythingHappens() {
    String name = existing(fresh(), 3);

    assertThatThrownBy(
            () ->
                writer(bed.docs(4, DIM, 1), name)
                    .mode("overwrite")
                    .option("overwriteStrategy", "swap")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("swap needs an alias")
        .hasMessageContaining("overwriteStrategy=replace");
    assertThat(bed.standIn().rows("default", name)).hasSize(3);
  }

  @Test
  void savePathNamesTheCollection() {
    String name = fresh();
    String other = fresh();

    designed(writer(bed.docs(3, DIM, 1))).save(name);
    designed(writer(bed.docs(2, DIM, 1))).save("default." + other);

    assertExactlyOnce(bed.standIn().rows("default", name), 3, DIM);
    assertExactlyOnce(bed.standIn().rows("default", other), 2, DIM);
  }

  @Test
  void aSavePathThatIsNoCollectionNameIsRefused() {
    assertThatThrownBy(() -> designed(writer(bed.docs(3, DIM, 1))).save("s3a://bucket/some/path"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("the path names the target collection");
    assertThatThrownBy(() -> designed(writer(bed.docs(3, DIM, 1), "docs_a")).save("docs_b"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("give the collection once");
  }

  @Test
  void saveAsTableIsRefusedAndStoresNothingInTheSessionCatalog() {
    String name = fresh();

    assertThatThrownBy(() -> designed(writer(bed.docs(3, DIM, 1), name)).saveAsTable("t_" + name))
        .hasMessageContaining("session catalog");

    assertThat(bed.spark().catalog().tableExists("t_" + name)).isFalse();
    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
  }

  @Test
  void overwriteOfACollectionThatHasAliasesIsRefusedNamingThem() {
    String name = existing(fresh(), 5);
    bed.standIn().createAlias("default", name + "_a", name);

    assertThatThrownBy(() -> writer(bed.docs(2, DIM, 1), name).mode("overwrite").save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("has aliases [" + name + "_a]")
        .hasMessageContaining("overwrite it through an alias");
    assertThat(bed.standIn().rows("default", name)).hasSize(5);
  }

  @Test
  void overwriteWithAPartitionAndResumeWithAnotherModeAreRefused() {
    String name = existing(fresh(), 5);

    assertThatThrownBy(
            () ->
                writer(bed.docs(2, DIM, 1), name)
                    .mode("overwrite")
                    .option("partition", "p1")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("an overwrite replaces the whole collection");
    assertThatThrownBy(
            () ->
                writer(bed.docs(2, DIM, 1), name)
                    .mode("overwrite")
                    .option("resumeWriteId", "20250101-120000-1a2b3c4d")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("use it with .mode(\"append\")");
    assertThat(bed.standIn().rows("default", name)).hasSize(5);
  }

  private static int indexOf(List<String> calls, String suffix) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).endsWith(suffix)) {
        return i;
      }
    }
    return -1;
  }
}
