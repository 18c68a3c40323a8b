package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LogLines;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a resume ({@code resumeWriteId}) finds, and what it refuses. */
class ResumeWriteTest {
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
  void resumeOfAWriteThatAlreadyCompletedAnswersSoAndImportsNothing() {
    String collection = bed.createDocsCollection(DIM);
    bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("resume-done")).save();
    List<String> records = bed.s3().listKeys(ImportTestBed.BUCKET, "resume-done/_completed/");
    assertThat(records).hasSize(1);
    String writeId =
        records.get(0).substring("resume-done/_completed/".length()).replace(".json", "");

    try (LogLines log = LogLines.of("io.milvusimport.commit.ResumeCheck")) {
      bed.writer(bed.docs(100, DIM, 2), collection, s3Staging("resume-done"))
          .option("resumeWriteId", writeId)
          .save();

      assertThat(log.lines())
          .anyMatch(
              l ->
                  l.contains("Write " + writeId + " already completed: 100 rows in collection '")
                      && l.contains(collection));
    }
    assertExactlyOnce(bed.imported(collection), 100, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1);
    assertThat(bed.stagedKeys("resume-done/")).isEmpty();
  }

  @Test
  void resumeRefusesAnotherCollectionOrPartitionThanTheWriteWasBegunInto() {
    String collection = bed.createDocsCollection(DIM);
    String other = bed.createDocsCollection(DIM);
    bed.createPartition(collection, "recent");
    bed.standIn().faults().dropConnection("jobs/import/describe", 3);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("resume-other"))
                    .option("retries", "0")
                    .save())
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("resumeWriteId");
    String writeId = ImportedRows.writeIdOfManifest(bed, "resume-other");

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(200, DIM, 2), other, s3Staging("resume-other"))
                    .option("resumeWriteId", writeId)
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'collection' is '" + other + "'")
        .hasMessageContaining("was begun with '" + collection + "'");
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("resume-other"))
                    .option("partition", "recent")
                    .option("resumeWriteId", writeId)
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'partition' is 'recent'");
    assertThat(createRequests(bed, other)).isEmpty();
    assertThat(bed.imported(other)).isEmpty();

    bed.writer(bed.docs(200, DIM, 2), collection, s3Staging("resume-other"))
        .option("resumeWriteId", writeId)
        .save();
    assertExactlyOnce(bed.imported(collection), 200, DIM);
    assertThat(createRequests(bed, collection)).hasSize(1);
  }
}
