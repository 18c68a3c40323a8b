package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.PrintedText;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes that target Zilliz Cloud through {@code df.write}, before the control-plane import is
 * wired in: every option rule holds at plan time, nothing is staged and Milvus gets no request, and
 * none of the cloud secrets reaches a log, plan or error.
 */
class ZillizWriteOptionsWriteTest {
  private static final int DIM = 4;
  private static final String API_KEY = "Zk9CloudApiKeyValue";
  private static final String SECRET_KEY = "Zs3SecretKeyValue";
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  private static DataFrameWriter<Row> zillizWriter(String collection, String prefix) {
    return bed.writer(bed.docs(20, DIM, 2), collection, s3Staging(prefix))
        .option("clusterId", "in01-0123456789abcdef")
        .option("cloudApiKey", API_KEY)
        .option("cloudAccessKey", "AKIAZILLIZTEST")
        .option("cloudSecretKey", SECRET_KEY);
  }

  @Test
  void zillizWriteIntoOwnBucketIsRefusedBeforeAnythingIsStagedWhileImportIsNotWired()
      throws Exception {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "zilliz-own-bucket";
    List<String> printed;
    try (PrintedText text = new PrintedText(bed.spark())) {
      assertThatThrownBy(() -> zillizWriter(collection, prefix).save())
          .isInstanceOf(ImportFailedException.class)
          .hasMessageContaining("Writes into Zilliz Cloud are not available in this build yet")
          .hasMessageContaining("Nothing was staged or imported");
      printed = planTexts(text);
    }
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
    assertThat(bed.manifestKeys(prefix + "/")).isEmpty();
    assertThat(bed.standIn().importRequests()).noneMatch(r -> r.toString().contains(collection));
    assertThat(String.join("\n", printed))
        // save() reaches the connector through Spark's V1 route, which lower-cases option keys
        .containsIgnoringCase("clusterId=in01-0123456789abcdef")
        .containsIgnoringCase("cloudApiKey=*********(redacted)")
        .doesNotContain(SECRET_KEY)
        .doesNotContain(API_KEY);
  }

  /** The texts once Spark's asynchronous listeners reported the failed write's plan. */
  private static List<String> planTexts(PrintedText text) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline
        && text.texts().stream()
            .noneMatch(t -> t.toLowerCase(Locale.ROOT).contains("clusterid="))) {
      Thread.sleep(20);
    }
    return text.texts();
  }

  @Test
  void zillizWriteWithoutClusterUriIsRefusedNamingUri() {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "zilliz-no-uri";
    assertThatThrownBy(() -> zillizWriter(collection, prefix).option("uri", "").save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'uri' is required to plan this Zilliz Cloud write")
        .hasMessageContaining("Nothing was staged or imported");
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
  }

  @Test
  void zillizWriteFromALocalStagingPathIsRefusedAtParseTime() {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                zillizWriter(collection, "zilliz-local")
                    .option("stagingPath", "file:///tmp/zilliz-local-staging/")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Zilliz Cloud reads only object-store URLs");
    assertThat(bed.standIn().importRequests()).noneMatch(r -> r.toString().contains(collection));
  }

  @Test
  void volumeWriteCombinedWithStagingPathIsRefused() {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "zilliz-volume-and-path";
    assertThatThrownBy(
            () ->
                zillizWriter(collection, prefix)
                    .option("cloudAccessKey", "")
                    .option("cloudSecretKey", "")
                    .option("volume", "vol_1")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Options 'volume' and 'stagingPath' cannot be combined");
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
  }

  @Test
  void milvusWriteIsRefusedWhenGivenACloudOnlyOption() {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "milvus-with-volume";
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(10, DIM, 1), collection, s3Staging(prefix))
                    .option("volume", "vol_1")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'volume' applies only to writes into Zilliz Cloud");
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
  }
}
