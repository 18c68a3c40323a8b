package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidRowException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.SparkTestSession;
import io.milvusimport.testkit.TaskFaults;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes on a {@code local-cluster} Spark, whose executors are JVMs of their own: the writer
 * factory, the broadcast Hadoop configuration and every task's commit message really are
 * serialized, with the serializer a subclass names. Local mode hides all of this.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterWriteChecks {
  private static final int DIM = 16;
  private ImportTestBed bed;

  abstract SparkTestSession.Serializer serializer();

  @BeforeAll
  void startCluster() {
    bed = ImportTestBed.startOnCluster(serializer());
  }

  @AfterAll
  void stopStack() {
    bed.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "npy", "parquet"})
  void everyFormatImportsEachRowOnceAndLeavesNoFiles(String format) {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "cluster-" + serializer() + "-" + format;

    bed.writer(bed.docs(600, DIM, 4), collection, s3Staging(prefix))
        .option("format", format)
        .option("maxFileSize", "8kb")
        .save();

    assertExactlyOnce(bed.imported(collection), 600, DIM);
    assertThat(ImportedRows.createRequests(bed, collection).get(0).get("files").size())
        .as("files sent to Milvus (several per task)")
        .isGreaterThan(4);
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
  }

  @Test
  void taskThatFailsOnItsFirstAttemptIsRetriedOnAnExecutorAndImportedOnce() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> df =
        bed.docs(400, DIM, 2).withColumn("id", TaskFaults.failFirstAttemptAt(150, col("id")));

    bed.writer(df, collection, s3Staging("cluster-retry-" + serializer()))
        .option("format", "npy")
        .option("maxFileSize", "4kb")
        .save();

    assertExactlyOnce(bed.imported(collection), 400, DIM);
    assertThat(bed.stagedKeys("cluster-retry-" + serializer() + "/")).isEmpty();
  }

  @Test
  void executorLostInTheMiddleOfATaskIsReplacedAndItsRowsImportedOnce() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> df =
        bed.docs(400, DIM, 2)
            .withColumn("id", TaskFaults.killExecutorOnFirstAttemptAt(250, col("id")));

    bed.writer(df, collection, s3Staging("cluster-lost-" + serializer()))
        .option("format", "parquet")
        .option("maxFileSize", "4kb")
        .save();

    assertExactlyOnce(bed.imported(collection), 400, DIM);
  }

  @Test
  void rowsSkippedOnExecutorsAreReportedBackAndTheRestImported() {
    String collection = bed.createDocsCollection(DIM);
    // Every tenth row's vector is one element short: skipped where it is read, on an executor.
    Dataset<Row> df =
        bed.docs(300, DIM, 3)
            .withColumn(
                "embedding",
                functions.expr(
                    "if(id % 10 = 3, slice(embedding, 1, " + (DIM - 1) + "), embedding)"));

    // The counts of every task reach the driver: one row fewer allowed than skipped fails.
    assertThatThrownBy(
            () ->
                bed.writer(df, collection, s3Staging("cluster-skip-" + serializer()))
                    .option("format", "json")
                    .option("invalidRows", "skip")
                    .option("maxInvalidRows", "29")
                    .save())
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("30 of 300 rows")
        .hasMessageContaining("field 'embedding': wrong vector dimension=30");
    assertThat(bed.imported(collection)).isEmpty();

    bed.writer(df, collection, s3Staging("cluster-skip-" + serializer()))
        .option("format", "json")
        .option("invalidRows", "skip")
        .option("maxInvalidRows", "30")
        .save();

    List<Map<String, Object>> rows = bed.imported(collection);
    assertThat(rows).hasSize(270);
    assertThat(rows).noneMatch(row -> (Long) row.get("id") % 10 == 3);
  }
}
