package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.cloud.CloudConnection;
import io.milvusimport.cloud.Volumes;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every refusal a {@code df.write} into Zilliz Cloud must explain, each with what was staged and
 * imported afterwards: nothing imported, and nothing staged where the refusal comes before staging.
 */
@Tag("e2e")
class ZillizWriteErrorsTest {
  private static ZillizWrites stack;

  /** The stack a UDF of the running test acts on (local mode: the tasks run in this JVM). */
  private static volatile ZillizWrites acting;

  @BeforeAll
  static void start() {
    stack = ZillizWrites.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** Every message of {@code e} and its causes. */
  static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append('\n');
      for (Throwable s : t.getSuppressed()) {
        b.append(s.getMessage()).append('\n');
      }
    }
    return b.toString();
  }

  static Throwable failure(Runnable write) {
    try {
      write.run();
    } catch (Exception e) { // SparkException is checked, and thrown through save()
      return e;
    }
    throw new AssertionError("the write succeeded");
  }

  @Test
  void wrongApiKeyFailsBeforeStagingNamingCloudApiKey() {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    Throwable e =
        failure(
            () ->
                stack
                    .volumeWriter(stack.docs(50, 2), collection, volume)
                    .option("cloudApiKey", "not-the-key")
                    .save());
    assertThat(messages(e))
        .contains("Zilliz Cloud refused the API key")
        .contains("option 'cloudApiKey'")
        .doesNotContain("not-the-key");
    assertThat(stack.volumeKeys(volume, "")).isEmpty();
    assertThat(stack.rows(collection)).isEmpty();
  }

  @Test
  void missingApiKeyIsRefusedNamingCloudApiKey() {
    String collection = stack.createDocs();
    assertThatThrownBy(
            () ->
                stack
                    .volumeWriter(stack.docs(10, 1), collection, "vol_x")
                    .option("cloudApiKey", "")
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'cloudApiKey' is required");
  }

  @Test
  void unknownClusterFailsBeforeStagingNamingClusterId() {
    String collection = stack.createDocs();
    String prefix = "unknown-cluster";
    Throwable e =
        failure(
            () ->
                stack
                    .bucketWriter(stack.docs(50, 2), collection, prefix)
                    .option("clusterId", "in01-nosuchcluster")
                    .save());
    assertThat(messages(e))
        .contains("Zilliz Cloud does not know cluster 'in01-nosuchcluster'")
        .contains("option 'clusterId'");
    assertThat(stack.bucketKeys(prefix + "/")).isEmpty();
  }

  @Test
  void missingVolumeFailsBeforeStagingAndAnInvalidNameAtParseTime() {
    String collection = stack.createDocs();
    Throwable e =
        failure(() -> stack.volumeWriter(stack.docs(50, 2), collection, "vol_missing").save());
    assertThat(e).isInstanceOf(InvalidOptionException.class);
    assertThat(messages(e))
        .contains("Option 'volume' names volume 'vol_missing', which Zilliz Cloud does not know")
        .contains("Nothing was staged or imported")
        .contains("volume vol_missing does not exist");
    assertThat(stack.zilliz().volumeNames()).doesNotContain("vol_missing");

    assertThatThrownBy(() -> stack.volumeWriter(stack.docs(5, 1), collection, "9-bad").save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'volume' has an invalid value '9-bad'")
        .hasMessageContaining("starts with a letter or '_'");
    assertThat(stack.rows(collection)).isEmpty();
  }

  @Test
  void volumeOfAnotherRegionIsRefusedBeforeStaging() {
    Map<String, String> other = new TreeMap<>(stack.bed().options());
    other.put("regionId", ZillizTestBed.OTHER_REGION);
    String volume =
        new Volumes(CloudConnection.parse(other).client())
            .create("vol_elsewhere_" + System.nanoTime() % 100000);
    String collection = stack.createDocs();
    Throwable e = failure(() -> stack.volumeWriter(stack.docs(50, 2), collection, volume).save());
    assertThat(messages(e))
        .contains("of region " + ZillizTestBed.OTHER_REGION)
        .contains("option 'regionId'")
        .contains("Nothing was staged or imported");
    assertThat(stack.volumeKeys(volume, "")).isEmpty();
  }

  @Test
  void volumeOfAnotherRegionIsRefusedByTheImportWhenOnlyClusterIdIsGiven() {
    Map<String, String> other = new TreeMap<>(stack.bed().options());
    other.put("regionId", ZillizTestBed.OTHER_REGION);
    String volume =
        new Volumes(CloudConnection.parse(other).client())
            .create("vol_far_" + System.nanoTime() % 100000);
    String collection = stack.createDocs();
    Throwable e =
        failure(
            () ->
                stack
                    .volumeWriter(stack.docs(50, 2), collection, volume)
                    .option("regionId", "")
                    .option("projectId", "")
                    .save());
    assertThat(messages(e))
        .contains("Zilliz Cloud refused import request 1 of 1")
        .contains("is in region " + ZillizTestBed.OTHER_REGION)
        .contains("Nothing of this write was imported");
    assertThat(stack.rows(collection)).isEmpty();
  }

  @Test
  void externalVolumeIsRefusedAsUploadTargetBeforeStaging() {
    String name = "vol_ext_" + System.nanoTime() % 100000;
    stack.volumes().create(name, "EXTERNAL", "integration-1", "exports/");
    String collection = stack.createDocs();
    assertThatThrownBy(() -> stack.volumeWriter(stack.docs(50, 2), collection, name).save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("names EXTERNAL volume '" + name + "', which takes no uploads")
        .hasMessageContaining("Nothing was staged or imported");
    assertThat(stack.front().requests()).noneMatch(r -> r.contains(name));
  }

  @Test
  void rateLimitAnswersAreWaitedOutAndTheWriteSucceeds() {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    stack.zilliz().fail("/v2/volumes/apply", 429, 2);
    stack.zilliz().fail("/v2/vectordb/jobs/import/create", 429, 2);
    stack.front().failNextPuts(2, 429);

    stack.volumeWriter(stack.docs(100, 2), collection, volume).save();

    assertExactlyOnce(stack.rows(collection), 100, ZillizWrites.DIM);
    assertThat(stack.zilliz().importRequests())
        .filteredOn(r -> r.path("collectionName").asText().equals(collection))
        .as("the refused creates were never acted on")
        .hasSize(1);
    assertThat(stack.zilliz().requests())
        .filteredOn(r -> r.equals("POST /v2/vectordb/jobs/import/create"))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(stack.front().requests()).anyMatch(r -> r.endsWith("-> 429"));
  }

  @Test
  void writeOverTheVolumesMaxContentLengthStopsBeforeAnyImportNamingTheLimit() {
    String messages =
        refusedOverVolumeLimits(
            3000, 1000, (collection, volume) -> write(collection, volume, 400, "auto", "1kb"));

    assertThat(messages)
        .contains("maxContentLength of the volume's apply")
        .contains("2.9 KB")
        .contains("nothing was imported");
  }

  @Test
  void writeOverTheVolumesMaxFileNumberCountsEveryNpyColumnAndStopsBeforeAnyImport() {
    // Two tasks, one NPY group each: 2 import files, but 6 objects (id, embedding, text).
    String messages =
        refusedOverVolumeLimits(
            100L << 30, 4, (collection, volume) -> write(collection, volume, 100, "npy", "1gb"));

    assertThat(messages)
        .contains("staged 6 files into Zilliz Cloud volume")
        .contains("over the 4 files one upload may hold (maxFileNumber of the volume's apply)")
        .contains("nothing was imported")
        .contains("a larger 'maxFileSize'");
  }

  private void write(String collection, String volume, long rows, String format, String size) {
    stack
        .volumeWriter(stack.docs(rows, 2), collection, volume)
        .option("format", format)
        .option("maxFileSize", size)
        .save();
  }

  /**
   * Runs {@code write} into a new collection and volume under the front's upload limits; returns
   * the failure's messages after checking that no import job was asked for and no row landed.
   */
  private String refusedOverVolumeLimits(
      long maxContentLength, int maxFileNumber, BiConsumer<String, String> write) {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    stack.front().limits(maxContentLength, maxFileNumber);
    String messages;
    try {
      messages = messages(failure(() -> write.accept(collection, volume)));
    } finally {
      stack.front().limits(100L << 30, 1000);
    }
    assertThat(stack.zilliz().importRequests())
        .noneMatch(r -> r.path("collectionName").asText().equals(collection));
    assertThat(stack.rows(collection)).isEmpty();
    return messages;
  }

  @Test
  void importJobFailedByZillizReportsItsReasonAndFile() {
    try (ZillizWrites small = ZillizWrites.startWithCluster(m -> m.maxFileSizeBytes(600))) {
      String collection = small.createDocs();
      String volume = small.createVolume();
      Throwable e =
          failure(
              () ->
                  small
                      .volumeWriter(small.docs(100, 1), collection, volume)
                      .option("maxFileSize", "2kb")
                      .save());
      assertThat(messages(e))
          .contains("failed to import file milvus-import/")
          .contains("600")
          .doesNotContain("re-run");
      assertThat(small.rows(collection)).isEmpty();
    }
  }

  @Test
  void credentialsThatExpireMidUploadWhileRenewalFailsFailTheWrite() {
    try (ZillizWrites expiring = ZillizWrites.start()) {
      expiring.front().credentialLife(java.time.Duration.ofSeconds(30));
      acting = expiring;
      String collection = expiring.createDocs();
      String volume = expiring.createVolume();
      Dataset<Row> df =
          expiring.docs(200, 2).withColumn("id", expireAndBreakApplyAt(120).apply(col("id")));
      Throwable e =
          failure(
              () ->
                  expiring
                      .volumeWriter(df, collection, volume)
                      .option("maxFileSize", "1kb")
                      .save());
      assertThat(messages(e)).containsIgnoringCase("expired");
      assertThat(expiring.zilliz().importRequests()).isEmpty();
      assertThat(expiring.rows(collection)).isEmpty();
    } finally {
      acting = null;
    }
  }

  /** At row {@code at}: every issued credential expires, and every later apply is refused. */
  private static org.apache.spark.sql.expressions.UserDefinedFunction expireAndBreakApplyAt(
      long at) {
    return functions.udf(
        (UDF1<Long, Long>)
            id -> {
              ZillizWrites s = acting;
              if (id == at && s != null) {
                s.zilliz().fail("/v2/volumes/apply", 500, 1000);
                s.front().expireCredentialsNow();
              }
              return id;
            },
        DataTypes.LongType);
  }
}
