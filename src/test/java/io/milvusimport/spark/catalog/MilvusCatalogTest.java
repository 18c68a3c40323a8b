package io.milvusimport.spark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.PrintedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Milvus catalog through Spark SQL and {@code writeTo}: namespaces are the stand-in's
 * databases, tables its collections, and writes land in the stand-in through the {@code df.write}
 * path.
 */
@Tag("e2e")
class MilvusCatalogTest {
  private static final int DIM = 4;
  private static final String SECRET = "Cat7SecretToken99";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static ImportTestBed bed;
  private static SparkSession spark;
  private static String cat;

  @BeforeAll
  static void startStack() {
    bed = CatalogTestBeds.start(SECRET);
    spark = bed.spark();
    cat = register("catalog-" + NAMES.incrementAndGet());
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  /** Registers a Milvus catalog on the stand-in under a fresh name; returns the name. */
  private static String register(String stagingPrefix) {
    String name = "milvus_t" + NAMES.incrementAndGet();
    CatalogTestBeds.register(bed, name, stagingPrefix);
    return name;
  }

  private static List<String> column(String sql, int index) {
    return spark.sql(sql).collectAsList().stream()
        .map(r -> r.getString(index))
        .collect(Collectors.toList());
  }

  private static String newDatabase() {
    String db = "catdb" + NAMES.incrementAndGet();
    bed.post("databases/create", "{\"dbName\":\"" + db + "\"}");
    return db;
  }

  /** Asserts the stand-in holds exactly rows 0..n-1 of {@link ImportTestBed#docs}. */
  private static void assertDocs(String db, String collection, int n) {
    List<Map<String, Object>> rows = new ArrayList<>(bed.standIn().rows(db, collection));
    rows.sort(Comparator.comparingLong(r -> (Long) r.get("id")));
    assertThat(rows).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(rows.get(i).get("id")).isEqualTo((long) i);
      assertThat(rows.get(i).get("embedding")).isEqualTo(ImportTestBed.expectedVector(i, DIM));
      assertThat(rows.get(i).get("text")).isEqualTo("doc-" + i);
    }
  }

  @Test
  void showNamespacesListsTheMilvusDatabases() {
    String db = newDatabase();
    assertThat(column("SHOW NAMESPACES IN " + cat, 0)).contains("default", db);
  }

  @Test
  void createAndDropNamespaceCreateAndDropTheMilvusDatabase() {
    String db = "made" + NAMES.incrementAndGet();
    spark.sql("CREATE NAMESPACE " + cat + "." + db);
    assertThat(bed.standIn().databaseNames()).contains(db);
    assertThat(bed.standIn().requestPaths()).contains("/v2/vectordb/databases/create");

    spark.sql("DROP NAMESPACE " + cat + "." + db);
    assertThat(bed.standIn().databaseNames()).doesNotContain(db);
  }

  @Test
  void dropNamespaceOfADatabaseHoldingCollectionsIsRefusedAndDropsNothing() {
    String db = newDatabase();
    bed.standIn().createCollection(db, ImportTestBed.docsCollectionBody("kept", DIM, 64));
    assertThatThrownBy(() -> spark.sql("DROP NAMESPACE " + cat + "." + db))
        .hasMessageContaining(db);
    assertThatThrownBy(() -> spark.sql("DROP NAMESPACE " + cat + "." + db + " CASCADE"))
        .hasMessageContaining("CASCADE is refused")
        .hasMessageContaining("[kept]");
    assertThat(bed.standIn().databaseNames()).contains(db);
    assertThat(bed.standIn().hasCollection(db, "kept")).isTrue();
  }

  @Test
  void showTablesListsTheCollectionsOfADatabase() {
    String db = newDatabase();
    bed.standIn().createCollection(db, ImportTestBed.docsCollectionBody("alpha", DIM, 64));
    bed.standIn().createCollection(db, ImportTestBed.docsCollectionBody("beta", DIM, 64));
    assertThat(column("SHOW TABLES IN " + cat + "." + db, 1))
        .containsExactlyInAnyOrder("alpha", "beta");
  }

  @Test
  void describeShowsTheSparkTypeEachFieldTakesAndLeavesOutFieldsMilvusFills() {
    String db = newDatabase();
    bed.standIn()
        .createCollection(
            db,
            "{\"collectionName\":\"typed\",\"schema\":{\"autoID\":true,\"fields\":["
                + "{\"fieldName\":\"pk\",\"dataType\":\"Int64\",\"isPrimary\":true},"
                + "{\"fieldName\":\"flag\",\"dataType\":\"Bool\"},"
                + "{\"fieldName\":\"small\",\"dataType\":\"Int16\",\"nullable\":true},"
                + "{\"fieldName\":\"title\",\"dataType\":\"VarChar\","
                + "\"elementTypeParams\":{\"max_length\":32}},"
                + "{\"fieldName\":\"doc\",\"dataType\":\"JSON\"},"
                + "{\"fieldName\":\"tags\",\"dataType\":\"Array\",\"elementDataType\":\"Int32\","
                + "\"elementTypeParams\":{\"max_capacity\":8}},"
                + "{\"fieldName\":\"vec\",\"dataType\":\"FloatVector\","
                + "\"elementTypeParams\":{\"dim\":8}},"
                + "{\"fieldName\":\"bits\",\"dataType\":\"BinaryVector\","
                + "\"elementTypeParams\":{\"dim\":16}},"
                + "{\"fieldName\":\"sparse\",\"dataType\":\"SparseFloatVector\"}]}}");
    List<Row> rows = spark.sql("DESCRIBE " + cat + "." + db + ".typed").collectAsList();
    Map<String, String> types =
        rows.stream()
            .filter(r -> !r.getString(0).isEmpty() && !r.getString(0).startsWith("#"))
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1), (a, b) -> a));
    assertThat(types)
        .containsEntry("flag", "boolean")
        .containsEntry("small", "smallint")
        .containsEntry("title", "string")
        .containsEntry("doc", "string")
        .containsEntry("tags", "array<int>")
        .containsEntry("vec", "array<float>")
        .containsEntry("bits", "binary")
        .containsEntry("sparse", "map<bigint,float>")
        .doesNotContainKey("pk");
    Map<String, String> comments =
        rows.stream()
            .filter(r -> !r.getString(0).isEmpty() && !r.getString(0).startsWith("#"))
            .collect(
                Collectors.toMap(
                    r -> r.getString(0), r -> String.valueOf(r.getString(2)), (a, b) -> a));
    assertThat(comments.get("vec")).isEqualTo("Milvus FloatVector (dim 8)");
    assertThat(comments.get("title")).isEqualTo("Milvus VarChar (max_length 32 bytes)");
    assertThat(comments.get("tags")).isEqualTo("Milvus Array<Int32> (max_capacity 8)");
  }

  @Test
  void anAliasLoadsTheCollectionItPointsAt() {
    String collection = bed.createDocsCollection(DIM);
    String alias = collection + "_live";
    bed.standIn().createAlias("default", alias, collection);
    List<Row> props = spark.sql("SHOW TBLPROPERTIES " + cat + ".default." + alias).collectAsList();
    Map<String, String> map =
        props.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
    assertThat(map)
        .containsEntry("milvus.collection", collection)
        .containsEntry("milvus.alias", alias);
  }

  @Test
  void insertIntoImportsTheRowsThroughTheDfWritePathAndLeavesNoStagedFiles() {
    String staging = "catalog-insert-" + NAMES.incrementAndGet();
    String catalog = register(staging);
    String collection = bed.createDocsCollection(DIM);
    bed.docs(50, DIM, 3).createOrReplaceTempView("catalog_source");
    spark.sql(
        "INSERT INTO "
            + catalog
            + ".default."
            + collection
            + " SELECT id, embedding, text FROM catalog_source");
    assertDocs("default", collection, 50);
    assertThat(bed.stagedKeys(staging + "/")).isEmpty();
    assertThat(bed.standIn().importRequests())
        .anyMatch(r -> r.path("collectionName").asText().equals(collection));
  }

  @Test
  void writeToAppendImportsTheRowsIntoTheNamedDatabase() throws Exception {
    String db = newDatabase();
    bed.standIn().createCollection(db, ImportTestBed.docsCollectionBody("docs", DIM, 64));
    bed.docs(40, DIM, 2).writeTo(cat + "." + db + ".docs").append();
    assertDocs(db, "docs", 40);
  }

  @Test
  void insertIntoByPositionImportsTheRows() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    bed.docs(20, DIM, 2)
        .selectExpr("id AS a", "embedding AS b", "text AS c")
        .write()
        .insertInto(cat + ".default." + collection);
    assertDocs("default", collection, 20);
  }

  @Test
  void aWritesOwnOptionsApplyOnTopOfTheCatalogSettings() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    bed.docs(10, DIM, 1)
        .writeTo(cat + ".default." + collection)
        .option("format", "parquet")
        .append();
    assertDocs("default", collection, 10);
    assertThat(bed.standIn().importRequests())
        .filteredOn(r -> r.path("collectionName").asText().equals(collection))
        .allMatch(r -> r.path("files").get(0).get(0).asText().endsWith(".parquet"));
  }

  @Test
  void aWriteCannotRedirectTheTableToAnotherCollection() {
    String collection = bed.createDocsCollection(DIM);
    String other = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.docs(5, DIM, 1)
                    .writeTo(cat + ".default." + collection)
                    .option("collection", other)
                    .append())
        .hasMessageContaining("Option 'collection' cannot be given to a write into");
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.imported(other)).isEmpty();
  }

  @Test
  void insertIntoThroughAnAliasImportsIntoTheAliasedCollection() {
    String collection = bed.createDocsCollection(DIM);
    String alias = collection + "_a";
    bed.standIn().createAlias("default", alias, collection);
    bed.docs(10, DIM, 1).createOrReplaceTempView("catalog_alias_source");
    spark.sql("INSERT INTO " + cat + ".default." + alias + " SELECT * FROM catalog_alias_source");
    assertDocs("default", collection, 10);
  }

  @Test
  void selectIsRefusedAsWriteOnlyNamingTheTable() {
    String collection = bed.createDocsCollection(DIM);
    String table = cat + ".default." + collection;
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + table).collectAsList())
        .hasMessageContaining("Table " + table + " is write-only");
  }

  @Test
  void dropTableDropsTheCollection() {
    String collection = bed.createDocsCollection(DIM);
    spark.sql("DROP TABLE " + cat + ".default." + collection);
    assertThat(bed.standIn().hasCollection("default", collection)).isFalse();
    assertThat(bed.standIn().requestPaths()).contains("/v2/vectordb/collections/drop");
  }

  @Test
  void dropTableOfAnAliasIsRefusedAndDropsNothing() {
    String collection = bed.createDocsCollection(DIM);
    String alias = collection + "_x";
    bed.standIn().createAlias("default", alias, collection);
    assertThatThrownBy(() -> spark.sql("DROP TABLE " + cat + ".default." + alias))
        .hasMessageContaining("names an alias of collection '" + collection + "'");
    assertThat(bed.standIn().hasCollection("default", collection)).isTrue();
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(collection);
  }

  @Test
  void anUnknownCatalogSettingIsRefusedNamingIt() {
    String name = "milvus_bad" + NAMES.incrementAndGet();
    spark.conf().set("spark.sql.catalog." + name, MilvusCatalog.class.getName());
    spark.conf().set("spark.sql.catalog." + name + ".uri", bed.standIn().uri());
    spark.conf().set("spark.sql.catalog." + name + ".token", bed.token());
    spark.conf().set("spark.sql.catalog." + name + ".stagingPat", "s3a://x/");
    assertThatThrownBy(() -> spark.sql("SHOW NAMESPACES IN " + name).collectAsList())
        .hasMessageContaining("spark.sql.catalog." + name + ".stagingPat")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void theTokenIsInNoPropertyDescriptionPlanLogOrError() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    String table = cat + ".default." + collection;
    List<String> printed = new ArrayList<>();
    try (PrintedText text = new PrintedText(spark)) {
      spark
          .sql("DESCRIBE TABLE EXTENDED " + table)
          .collectAsList()
          .forEach(r -> printed.add(r.toString()));
      spark
          .sql("SHOW TBLPROPERTIES " + table)
          .collectAsList()
          .forEach(r -> printed.add(r.toString()));
      spark
          .sql("SHOW CREATE TABLE " + table)
          .collectAsList()
          .forEach(r -> printed.add(r.toString()));
      bed.docs(5, DIM, 1).createOrReplaceTempView("catalog_secret_source");
      String insert = "INSERT INTO " + table + " SELECT * FROM catalog_secret_source";
      printed.add(spark.sql("EXPLAIN EXTENDED " + insert).collectAsList().toString());
      spark.sql(insert);
      text.awaitWrites(1);
      try {
        spark.sql("SELECT * FROM " + table).collectAsList();
      } catch (RuntimeException e) {
        printed.add(e.toString());
      }
      printed.addAll(text.texts());
    }
    assertThat(bed.imported(collection)).hasSize(5);
    assertThat(printed).isNotEmpty().noneMatch(t -> t.contains(SECRET));
  }
}
