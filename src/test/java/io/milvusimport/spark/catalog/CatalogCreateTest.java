package io.milvusimport.spark.catalog;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.CountPoller;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.PrintedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Milvus catalog creating and replacing collections: CREATE TABLE, CTAS, {@code
 * writeTo(...).create()/createOrReplace()}, REPLACE TABLE ... AS SELECT and INSERT OVERWRITE, each
 * checked on what the stand-in holds afterwards.
 */
@Tag("e2e")
class CatalogCreateTest {
  private static final int DIM = 4;
  private static final String SECRET = "Create7SecretToken42";
  private static final String DESIGN =
      " TBLPROPERTIES ('primaryKey'='id', 'vectorDims'='embedding:"
          + DIM
          + "', 'maxLength'='text:64')";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static ImportTestBed bed;
  private static SparkSession spark;
  private static String cat;

  @BeforeAll
  static void startStack() {
    bed = CatalogTestBeds.start(SECRET);
    spark = bed.spark();
    cat = "milvus_create";
    CatalogTestBeds.register(bed, cat, "catalog-create");
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  private static String fresh() {
    return "made_" + NAMES.incrementAndGet();
  }

  private static String table(String collection) {
    return cat + ".default." + collection;
  }

  /** A docs collection in database default holding rows 0..rows-1. */
  private static String existing(int rows) {
    String name = fresh();
    bed.standIn().createCollection("default", ImportTestBed.docsCollectionBody(name, DIM, 64));
    if (rows > 0) {
      bed.writer(bed.docs(rows, DIM, 1), name, "s3a://" + bed.bucket() + "/seed/").save();
    }
    return name;
  }

  /** An alias of a docs collection holding {@code rows} rows. */
  private static String alias(int rows) {
    String alias = fresh() + "_live";
    bed.standIn().createAlias("default", alias, existing(rows));
    return alias;
  }

  private static Dataset<Row> source(int rows, String view) {
    Dataset<Row> df = bed.docs(rows, DIM, 2);
    df.createOrReplaceTempView(view);
    return df;
  }

  /** Asserts {@code name} (collection or alias) holds exactly rows 0..n-1 of the docs. */
  private static void assertDocs(String name, int n) {
    List<Map<String, Object>> rows = new ArrayList<>(bed.standIn().rows("default", name));
    rows.sort(Comparator.comparingLong(r -> ((Number) r.get("id")).longValue()));
    assertThat(rows).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(((Number) rows.get(i).get("id")).longValue()).isEqualTo(i);
      assertThat(rows.get(i).get("embedding")).isEqualTo(ImportTestBed.expectedVector(i, DIM));
      assertThat(rows.get(i).get("text")).isEqualTo("doc-" + i);
    }
  }

  /** The design keys of the docs as table properties of {@code writer}. */
  private static CreateTableWriter<Row> designed(CreateTableWriter<Row> writer) {
    return writer
        .tableProperty("primaryKey", "id")
        .tableProperty("vectorDims", "embedding:" + DIM)
        .tableProperty("maxLength", "text:64");
  }

  /** CREATE TABLE of the docs' columns with {@code properties} (a TBLPROPERTIES clause). */
  private static String createDocsTable(String name, String properties) {
    return "CREATE TABLE "
        + table(name)
        + " (id BIGINT, embedding ARRAY<FLOAT>, text STRING)"
        + properties;
  }

  private static long creates() {
    return bed.standIn().requestPaths().stream()
        .filter(p -> p.endsWith("collections/create"))
        .count();
  }

  @Test
  void createTableCreatesTheCollectionDesignedFromColumnsAndTableProperties() {
    String name = fresh();

    spark.sql(createDocsTable(name, DESIGN.replace("')", "', 'metricType'='L2')")));

    JsonNode d = bed.standIn().describeCollection("default", name);
    assertThat(d.path("fields").toString())
        .contains("\"name\":\"id\"", "\"type\":\"Int64\"", "\"primaryKey\":true")
        .contains("\"type\":\"FloatVector\"", "{\"key\":\"dim\",\"value\":\"" + DIM + "\"}")
        .contains("\"type\":\"VarChar\"", "{\"key\":\"max_length\",\"value\":\"64\"}");
    assertThat(d.path("indexes").toString())
        .contains("\"fieldName\":\"embedding\"", "\"metricType\":\"L2\"");
    assertThat(bed.standIn().rows("default", name)).isEmpty();
    assertThat(spark.sql("SHOW TABLES IN " + cat + ".default").collectAsList().toString())
        .contains(name);
  }

  @Test
  void createTableWithoutDesignPropertiesReportsEverythingMissingAtOnceAndCreatesNothing() {
    String name = fresh();
    long before = creates();

    assertThatThrownBy(() -> spark.sql(createDocsTable(name, "")))
        .hasMessageContaining("3 problem(s)")
        .hasMessageContaining("'primaryKey' is required")
        .hasMessageContaining("'vectorDims' = 'embedding:<dim>'")
        .hasMessageContaining("'maxLength' = 'text:<n>'");

    assertThat(creates()).isEqualTo(before);
    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
  }

  @Test
  void ctasCreatesTheCollectionAndImportsTheRows() {
    String name = fresh();
    source(30, "ctas_source");

    spark.sql("CREATE TABLE " + table(name) + DESIGN + " AS SELECT * FROM ctas_source");

    assertDocs(name, 30);
    assertThat(bed.standIn().collectionNames("default")).contains(name); // a collection, no alias
  }

  @Test
  void writeToCreateCreatesTheCollectionAndImportsTheRows() throws Exception {
    String name = fresh();

    designed(bed.docs(25, DIM, 2).writeTo(table(name))).create();

    assertDocs(name, 25);
  }

  @Test
  void aCtasWhoseImportFailsLeavesNoCollectionBehind() {
    String name = fresh();
    source(10, "ctas_failing_source");
    bed.standIn().faults().failNextJob("injected: bad file");

    assertThatThrownBy(
            () ->
                spark.sql(
                    "CREATE TABLE "
                        + table(name)
                        + DESIGN
                        + " AS SELECT * FROM ctas_failing_source"))
        .hasMessageContaining("injected: bad file")
        .hasMessageContaining(
            "collection '" + name + "' (the statement created it) was dropped again");

    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
    assertThat(bed.standIn().requestPaths()).contains("/v2/vectordb/collections/drop");
  }

  @Test
  void aCtasWhoseTasksFailLeavesNoCollectionBehind() {
    String name = fresh();
    source(10, "ctas_tasks_source");

    assertThatThrownBy(
            () ->
                spark.sql(
                    "CREATE TABLE "
                        + table(name)
                        + DESIGN
                        + " AS SELECT id, embedding, IF(id = 3, raise_error('bad row 3'), text)"
                        + " AS text FROM ctas_tasks_source"))
        .hasMessageContaining("bad row 3");

    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
  }

  @Test
  void insertOverwriteOfAnAliasImportsIntoANewCollectionAndSwapsTheAlias() {
    String alias = alias(20);
    String old = bed.standIn().aliasTarget("default", alias);
    source(7, "overwrite_alias_source");

    spark.sql("INSERT OVERWRITE " + table(alias) + " SELECT * FROM overwrite_alias_source");

    String now = bed.standIn().aliasTarget("default", alias);
    assertThat(now).startsWith(alias + "_").isNotEqualTo(old);
    assertThat(bed.standIn().hasCollection("default", old)).isFalse();
    assertDocs(alias, 7);
  }

  @Test
  void insertOverwriteOfAPlainCollectionRecreatesItAtCommit() {
    String name = existing(20);
    source(7, "overwrite_plain_source");
    int before = bed.standIn().requestPaths().size();

    spark.sql("INSERT OVERWRITE " + table(name) + " SELECT * FROM overwrite_plain_source");

    assertDocs(name, 7);
    assertThat(bed.standIn().collectionNames("default")).contains(name); // a collection, no alias
    List<String> calls =
        bed.standIn().requestPaths().subList(before, bed.standIn().requestPaths().size());
    int drop = calls.indexOf("/v2/vectordb/collections/drop");
    int create = calls.indexOf("/v2/vectordb/collections/create");
    int importJob = calls.indexOf("/v2/vectordb/jobs/import/create");
    assertThat(drop).isGreaterThanOrEqualTo(0).isLessThan(create);
    assertThat(create).isLessThan(importJob);
  }

  @Test
  void writeToOverwriteAndOverwritePartitionsReplaceTheRowsOfAnAlias() throws Exception {
    String alias = alias(12);

    bed.docs(5, DIM, 1).writeTo(table(alias)).overwrite(lit(true));
    assertDocs(alias, 5);

    bed.docs(9, DIM, 1).writeTo(table(alias)).overwritePartitions();
    assertDocs(alias, 9);
    assertThat(bed.standIn().collectionNames("default"))
        .filteredOn(n -> n.startsWith(alias + "_"))
        .hasSize(1);
  }

  @Test
  void aFailedInsertOverwriteOfAnAliasLeavesNoNewCollectionAndTheAliasUnchanged() {
    String alias = alias(20);
    String old = bed.standIn().aliasTarget("default", alias);
    List<String> before = bed.standIn().collectionNames("default");
    source(5, "overwrite_failing_source");
    bed.standIn().faults().failNextJob("injected: bad file");

    assertThatThrownBy(
            () ->
                spark.sql(
                    "INSERT OVERWRITE " + table(alias) + " SELECT * FROM overwrite_failing_source"))
        .hasMessageContaining("was dropped again")
        .hasMessageContaining("alias '" + alias + "' was not moved");

    assertThat(bed.standIn().collectionNames("default")).isEqualTo(before);
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(old);
    assertThat(bed.standIn().rows("default", alias)).hasSize(20);
  }

  @Test
  void aFailedAliasMoveAfterTheImportSaysWhatIsDoneAndNotToRunAgain() {
    String alias = alias(9);
    String old = bed.standIn().aliasTarget("default", alias);
    source(4, "overwrite_alter_source");
    bed.standIn().faults().failNext("aliases/alter", 1, 1100, "injected: alter refused");

    assertThatThrownBy(
            () ->
                spark.sql(
                    "INSERT OVERWRITE " + table(alias) + " SELECT * FROM overwrite_alter_source"))
        .hasMessageContaining("every row is imported into the new collection '" + alias + "_")
        .hasMessageContaining("moving the alias failed")
        .hasMessageContaining("Do not re-run the write");

    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(old);
    assertThat(bed.standIn().rows("default", alias)).hasSize(9);
    String fresh =
        bed.standIn().collectionNames("default").stream()
            .filter(n -> n.startsWith(alias + "_"))
            .findFirst()
            .orElseThrow();
    assertDocs(fresh, 4);
  }

  @Test
  void createOrReplaceOfAnAliasSwapsItAndAPollingReaderSeesOnlyTheOldOrTheNewCount()
      throws Exception {
    String alias = alias(50);
    CountPoller reader = CountPoller.start(() -> bed.standIn().rows("default", alias).size());
    try (reader) {
      bed.docs(80, DIM, 4)
          .writeTo(table(alias))
          .option("maxFilesPerJob", "1")
          .option("atomic", "false")
          .createOrReplace();
    }

    // A read that resolved the alias just before the swap and reached the old collection just
    // after its drop fails "not found" (as an in-flight query can on Milvus); none sees a count.
    assertThat(reader.errors()).allMatch(e -> e.contains("collection not found"));
    assertThat(reader.polls()).isGreaterThan(10);
    assertThat(reader.seen()).isSubsetOf(50, 80).contains(50, 80);
    assertDocs(alias, 80);
  }

  @Test
  void createOrReplaceOfAMissingTableCreatesIt() throws Exception {
    String name = fresh();

    designed(bed.docs(6, DIM, 1).writeTo(table(name))).createOrReplace();

    assertDocs(name, 6);
  }

  @Test
  void replaceTableAsSelectWithStrategyReplaceTurnsAPlainCollectionIntoAnAlias() throws Exception {
    String name = existing(15);

    bed.docs(4, DIM, 1)
        .writeTo(table(name))
        .option("overwriteStrategy", "replace")
        .createOrReplace();

    String target = bed.standIn().aliasTarget("default", name);
    assertThat(target).startsWith(name + "_");
    assertDocs(name, 4);

    source(3, "rtas_source");
    spark.sql("REPLACE TABLE " + table(name) + " AS SELECT * FROM rtas_source");
    assertDocs(name, 3);
    assertThat(bed.standIn().hasCollection("default", target)).isFalse();
  }

  @Test
  void replaceTableWithoutAsSelectIsRefusedAndChangesNothing() {
    String alias = alias(8);
    String old = bed.standIn().aliasTarget("default", alias);
    long before = creates();

    assertThatThrownBy(
            () ->
                spark.sql(
                    "REPLACE TABLE "
                        + table(alias)
                        + " (id BIGINT, embedding ARRAY<FLOAT>, text STRING)"))
        .hasMessageContaining("without AS SELECT is not supported");

    assertThat(creates()).isEqualTo(before);
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(old);
    assertThat(bed.standIn().rows("default", alias)).hasSize(8);
  }

  @Test
  void aSwapOverwriteOfAPlainCollectionIsRefusedWhilePlannedAndChangesNothing() {
    String name = existing(6);
    long before = creates();

    assertThatThrownBy(
            () ->
                bed.docs(2, DIM, 1)
                    .writeTo(table(name))
                    .option("overwriteStrategy", "swap")
                    .overwrite(lit(true)))
        .hasMessageContaining("overwriteStrategy=swap needs an alias");

    assertThat(creates()).isEqualTo(before);
    assertDocs(name, 6);
  }

  @Test
  void createOfAnExistingTableIsRefusedAndChangesNothing() {
    String name = existing(4);
    long before = creates();

    assertThatThrownBy(() -> designed(bed.docs(2, DIM, 1).writeTo(table(name))).create())
        .hasMessageContaining(name);

    assertThat(creates()).isEqualTo(before);
    assertDocs(name, 4);
  }

  @Test
  void aConnectionSettingInTablePropertiesIsRefusedWithoutRepeatingItsValue() {
    String name = fresh();
    long before = creates();

    assertThatThrownBy(
            () ->
                spark.sql(
                    createDocsTable(
                        name, DESIGN.replace("')", "', 'token'='root:" + SECRET + "')"))))
        .hasMessageContaining("[token]")
        .hasMessageContaining("never in a table property")
        .message()
        .doesNotContain(SECRET);

    assertThat(creates()).isEqualTo(before);
    assertThat(bed.standIn().hasCollection("default", name)).isFalse();
  }

  @Test
  void theTokenIsInNoPropertyDescriptionOrPlanOfACreatedTable() throws Exception {
    String name = fresh();
    source(5, "secret_ctas_source");
    List<String> printed = new ArrayList<>();
    try (PrintedText text = new PrintedText(spark)) {
      String ctas = "CREATE TABLE " + table(name) + DESIGN + " AS SELECT * FROM secret_ctas_source";
      printed.add(spark.sql("EXPLAIN EXTENDED " + ctas).collectAsList().toString());
      spark.sql(ctas);
      printed.add(spark.sql("DESCRIBE TABLE EXTENDED " + table(name)).collectAsList().toString());
      printed.add(spark.sql("SHOW TBLPROPERTIES " + table(name)).collectAsList().toString());
      String overwrite = "INSERT OVERWRITE " + table(name) + " SELECT * FROM secret_ctas_source";
      printed.add(spark.sql("EXPLAIN EXTENDED " + overwrite).collectAsList().toString());
      spark.sql(overwrite);
      printed.addAll(text.texts());
    }
    assertDocs(name, 5);
    assertThat(printed).isNotEmpty().noneMatch(t -> t.contains(SECRET));
  }
}
