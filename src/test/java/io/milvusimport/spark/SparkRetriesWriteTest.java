package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.TaskFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spark runs a partition more than once (task retries, speculation, lost executors); only the files
 * of the attempt Spark commits may be imported, and the others must go.
 */
@Tag("e2e")
class SparkRetriesWriteTest {
  private static final int DIM = 8;
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @Test
  void taskThatFailsOnItsFirstAttemptIsRetriedAndImportedOnce() {
    String collection = bed.createDocsCollection(DIM);
    // Partition 0 holds ids 0..199: its first attempt stages several small files, then fails.
    Dataset<Row> df =
        bed.docs(400, DIM, 2).withColumn("id", TaskFaults.failFirstAttemptAt(150, col("id")));

    bed.writer(df, collection, s3Staging("retry-task"))
        .option("maxFileSize", "2kb")
        .option("keepStagedFiles", "true")
        .save();

    assertExactlyOnce(bed.imported(collection), 400, DIM);
    List<String> sent = new ArrayList<>();
    createRequests(bed, collection).get(0).get("files").forEach(f -> sent.add(f.get(0).asText()));
    // The failed attempt deleted its files: what is left is exactly what was imported.
    assertThat(bed.stagedKeys("retry-task/")).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void speculativeAndLostAttemptsNeverImportTheirFiles() throws Exception {
    // Spark disables speculation in local mode, so this drives the DSv2 protocol the way a
    // cluster does: two attempts of partition 0 (the loser is aborted when Spark kills it), and
    // an attempt of partition 1 on an executor that was lost (neither committed nor aborted).
    String collection = bed.createDocsCollection(DIM);
    Map<String, String> options =
        Map.of(
            "uri",
            bed.standIn().uri(),
            "token",
            ImportTestBed.TOKEN,
            "collection",
            collection,
            "stagingPath",
            s3Staging("retry-speculation"),
            "pollInterval",
            "20ms");
    BatchWrite write =
        new MilvusWrite(ImportOptions.parse(options), bed.docs(1, DIM, 1).schema(), "q", () -> {})
            .toBatch();
    DataWriterFactory factory = write.createBatchWriterFactory(() -> 2);

    DataWriter<InternalRow> original = factory.createWriter(0, 1);
    DataWriter<InternalRow> speculative = factory.createWriter(0, 2);
    DataWriter<InternalRow> lost = factory.createWriter(1, 3);
    DataWriter<InternalRow> retried = factory.createWriter(1, 4);
    writeRows(original, 0, 100);
    writeRows(speculative, 0, 100);
    writeRows(lost, 100, 200);
    writeRows(retried, 100, 200);
    WriterCommitMessage winner = speculative.commit();
    original.abort();
    WriterCommitMessage second = retried.commit();
    write.commit(new WriterCommitMessage[] {winner, second});

    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(createRequests(bed, collection).get(0).get("files")).hasSize(2);
    assertThat(bed.stagedKeys("retry-speculation/")).isEmpty();
  }

  private static void writeRows(DataWriter<InternalRow> writer, long from, long to)
      throws Exception {
    for (long id = from; id < to; id++) {
      float[] vector = new float[DIM];
      for (int i = 0; i < DIM; i++) {
        vector[i] = (float) ((id * DIM + i) / 10.0);
      }
      writer.write(
          new GenericInternalRow(
              new Object[] {
                id, UnsafeArrayData.fromPrimitiveArray(vector), UTF8String.fromString("doc-" + id)
              }));
    }
  }
}
