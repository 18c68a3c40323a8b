package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.PrintedText;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No credential reaches anything a person can read: logs (Spark's too), exception messages, the
 * plans Spark prints ({@code explain}, listeners) or the SQL UI's description of the write. Spark
 * redacts option values whose key matches {@code spark.sql.redaction.options.regex} ({@code url})
 * or {@code spark.redaction.regex} ({@code secret|password|token|access.key}); {@code uri} matches
 * neither, so credentials inside it are refused before Spark builds a plan.
 */
@Tag("e2e")
class SecretsWriteTest {
  private static final int DIM = 4;
  private static final String SECRET = "Zq7SecretValue42";
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().stepDelay(Duration.ofMillis(20)), "root:" + SECRET);
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @Test
  void tokenInsideTheUriIsRefusedWithoutEchoingItOrPrintingItAnywhere() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    String uri = bed.standIn().uri().replace("http://", "http://root:" + SECRET + "@");
    List<String> printed;
    try (PrintedText text = new PrintedText(bed.spark())) {
      assertThatThrownBy(
              () ->
                  bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("secret-uri"))
                      .option("uri", uri)
                      .option("token", "")
                      .save())
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("Option 'uri' must not hold credentials")
          .hasMessageContaining("option 'token'")
          .message()
          .doesNotContain(SECRET);
      printed = text.texts();
    }
    assertThat(printed).noneMatch(t -> t.contains(SECRET));
    assertThat(ImportedRows.createRequests(bed, collection)).isEmpty();
    assertThat(bed.imported(collection)).isEmpty();
  }

  @Test
  void queryStringInTheUriIsRefusedWithoutEchoingIt() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    List<String> printed;
    try (PrintedText text = new PrintedText(bed.spark())) {
      assertThatThrownBy(
              () ->
                  bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("secret-query"))
                      .option("uri", bed.standIn().uri() + "/?token=" + SECRET)
                      .save())
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("Option 'uri' must not have a query")
          .message()
          .doesNotContain(SECRET);
      printed = text.texts();
    }
    assertThat(printed).noneMatch(t -> t.contains(SECRET));
  }

  @Test
  void tokenOptionNeverAppearsInLogsPlansOrTheSqlUi() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    List<String> printed;
    try (PrintedText text = new PrintedText(bed.spark())) {
      bed.writer(bed.docs(40, DIM, 2), collection, s3Staging("secret-token")).save();
      text.awaitWrites(1);
      printed = text.texts();
    }
    assertExactlyOnce(bed.imported(collection), 40, DIM);
    assertThat(String.join("\n", printed))
        .contains("milvus-import", collection)
        .contains("token=*********(redacted)")
        .doesNotContain(SECRET);
  }

  @Test
  void passwordOptionNeverAppearsInLogsPlansOrTheSqlUi() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    List<String> printed;
    try (PrintedText text = new PrintedText(bed.spark())) {
      DataFrameWriter<Row> writer =
          bed.writer(bed.docs(30, DIM, 1), collection, s3Staging("secret-password"))
              .option("token", "")
              .option("user", "root")
              .option("password", SECRET);
      writer.save();
      text.awaitWrites(1);
      printed = text.texts();
    }
    assertExactlyOnce(bed.imported(collection), 30, DIM);
    assertThat(String.join("\n", printed))
        .contains("password=*********(redacted)")
        .doesNotContain(SECRET);
  }

  @Test
  void tokenFromSessionSettingsNeverAppearsInLogsPlansOrTheSqlUi() throws Exception {
    String collection = bed.createDocsCollection(DIM);
    String key = "spark.datasource.milvus.token";
    List<String> printed;
    bed.spark().conf().set(key, bed.token());
    try (PrintedText text = new PrintedText(bed.spark())) {
      bed.docs(20, DIM, 1)
          .write()
          .format("milvus-import")
          .mode("append")
          .option("uri", bed.standIn().uri())
          .option("collection", collection)
          .option("stagingPath", s3Staging("secret-session"))
          .option("pollInterval", "20ms")
          .save();
      text.awaitWrites(1);
      printed = text.texts();
    } finally {
      bed.spark().conf().unset(key);
    }
    assertExactlyOnce(bed.imported(collection), 20, DIM);
    assertThat(String.join("\n", printed))
        .contains("token=*********(redacted)")
        .doesNotContain(SECRET);
  }

  @Test
  void tokenNeverAppearsWhenASaveModeCreatesOrSwapsTheCollection() throws Exception {
    String name = "secret_created_" + System.nanoTime();
    String alias = name + "_live";
    List<String> printed;
    try (PrintedText text = new PrintedText(bed.spark())) {
      bed.writer(bed.docs(10, DIM, 1), name, s3Staging("secret-create"))
          .mode("errorifexists")
          .option("primaryKey", "id")
          .option("vectorDims", "embedding:" + DIM)
          .option("maxLength", "text:64")
          .save();
      bed.standIn().createAlias("default", alias, name);
      bed.writer(bed.docs(5, DIM, 1), alias, s3Staging("secret-swap")).mode("overwrite").save();
      text.awaitWrites(4); // each save: Spark's SaveIntoDataSourceCommand and the nested append
      printed = text.texts();
    }
    assertExactlyOnce(bed.standIn().rows("default", alias), 5, DIM);
    assertThat(String.join("\n", printed))
        .contains("SaveIntoDataSourceCommand")
        .contains("token=*********(redacted)")
        .doesNotContain(SECRET);
  }
}
