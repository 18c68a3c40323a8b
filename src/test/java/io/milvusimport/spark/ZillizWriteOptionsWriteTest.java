package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.ImportTestBed;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes that target Zilliz Cloud through {@code df.write} with options that are refused before
 * Spark executes the write: nothing is staged and Milvus gets no request. (Writes that reach the
 * control plane are in ZillizVolumeWriteTest, ZillizBucketWriteTest and ZillizWriteErrorsTest.)
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
