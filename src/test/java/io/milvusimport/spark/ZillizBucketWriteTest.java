package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code df.write} into Zilliz Cloud staged in the user's own bucket: tasks stage through S3A as
 * for Milvus, the commit imports {@code objectUrls} with the credentials Zilliz reads them with,
 * and the staged files are deleted after success.
 */
@Tag("e2e")
class ZillizBucketWriteTest {
  private static ZillizWrites stack;

  @BeforeAll
  static void start() {
    stack = ZillizWrites.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "npy", "parquet"})
  void ownBucketWriteImportsEveryRowOnceFromObjectUrlsAndDeletesTheStagedFiles(String format) {
    String collection = stack.createDocs();
    String prefix = "own-" + format;

    stack
        .bucketWriter(stack.docs(300, 3), collection, prefix)
        .option("format", format)
        .option("maxFileSize", "4kb")
        .save();

    assertExactlyOnce(stack.rows(collection), 300, ZillizWrites.DIM);
    List<JsonNode> creates = new ArrayList<>();
    stack.zilliz().importRequests().stream()
        .filter(c -> c.path("collectionName").asText().equals(collection))
        .forEach(creates::add);
    assertThat(creates).isNotEmpty();
    for (JsonNode create : creates) {
      assertThat(create.has("volumeName")).isFalse();
      assertThat(create.path("accessKey").asText()).isEqualTo(ZillizTestBed.URL_ACCESS_KEY);
      assertThat(create.path("token").asText()).isEqualTo(ZillizTestBed.URL_TOKEN);
      for (JsonNode file : create.path("objectUrls")) {
        assertThat(file).hasSize(1);
        assertThat(file.get(0).asText())
            .startsWith("s3://" + stack.bed().userBucket() + "/" + prefix + "/");
        if (format.equals("npy")) {
          assertThat(file.get(0).asText()).endsWith("/");
        }
      }
    }
    assertThat(stack.bucketKeys(prefix + "/"))
        .as("staged files and manifest are deleted after success")
        .allMatch(k -> k.contains("/_completed/"));
  }

  @Test
  void theDefaultFormatStagesNpyGroupsInTheOwnBucketNamedByFolderUrls() {
    String collection = stack.createDocs();

    stack.bucketWriter(stack.docs(200, 2), collection, "own-default").save();

    assertExactlyOnce(stack.rows(collection), 200, ZillizWrites.DIM);
    List<JsonNode> urls = new ArrayList<>();
    stack.zilliz().importRequests().stream()
        .filter(c -> c.path("collectionName").asText().equals(collection))
        .forEach(c -> c.path("objectUrls").forEach(urls::add));
    assertThat(urls).hasSize(2);
    urls.forEach(
        file ->
            assertThat(file.get(0).asText())
                .startsWith("s3://" + stack.bed().userBucket() + "/own-default/")
                .endsWith("/"));
  }
}
