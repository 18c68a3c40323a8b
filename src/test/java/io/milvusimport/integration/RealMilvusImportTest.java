package io.milvusimport.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.SchemaMismatchException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * The same write against a real Milvus standalone (local storage, embedded etcd) in Docker. Runs
 * wherever a Docker engine answers and is skipped elsewhere, such as on our build machines. The
 * staging directory is bind-mounted at the same path, because a Milvus on local storage reads
 * import paths as file paths. Image: {@code -Dmilvus.image=milvusdb/milvus:<tag>}.
 */
@Tag("e2e")
@Testcontainers(disabledWithoutDocker = true)
class RealMilvusImportTest {
  private static final int DIM = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path STAGING = stagingDirectory();

  @Container
  static final MilvusContainer MILVUS =
      new MilvusContainer(System.getProperty("milvus.image", "milvusdb/milvus:v2.5.10"))
          .withFileSystemBind(STAGING.toString(), STAGING.toString(), BindMode.READ_WRITE);

  private static Path stagingDirectory() {
    try {
      Path dir = Files.createTempDirectory("milvus-import-it-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode post(String endpoint, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(MILVUS.getEndpoint() + "/v2/vectordb/" + endpoint))
            .header("Authorization", "Bearer " + ImportTestBed.TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    JsonNode answer =
        JSON.readTree(
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(answer.path("code").asInt()).as(endpoint + " answered " + answer).isZero();
    return answer.path("data");
  }

  private static Dataset<Row> docs(SparkSession spark, long rows) {
    return spark
        .range(0, rows, 1, 3)
        .selectExpr(
            "id",
            "transform(sequence(0, "
                + (DIM - 1)
                + "), i -> cast((id * "
                + DIM
                + " + i) / 10.0 as float)) as embedding",
            "concat('doc-', id) as text");
  }

  @Test
  void importsDataFrameIntoRealMilvus() throws Exception {
    String collection = "it_docs";
    String create = ImportTestBed.docsCollectionBody(collection, DIM, 64);
    // Quick-create with an index so the collection is loaded and can be queried.
    create =
        create.substring(0, create.length() - 1)
            + ",\"indexParams\":[{\"fieldName\":\"embedding\",\"metricType\":\"L2\","
            + "\"indexType\":\"AUTOINDEX\"}]}";
    post("collections/create", create);

    SparkSession spark = SparkTestSession.get();
    docs(spark, 300)
        .write()
        .format("milvus-import")
        .mode("append")
        .option("uri", MILVUS.getEndpoint())
        .option("token", ImportTestBed.TOKEN)
        .option("collection", collection)
        .option("stagingPath", STAGING.toUri().toString())
        .option("pollInterval", "500ms")
        .save();

    JsonNode rows =
        post(
            "entities/query",
            "{\"collectionName\":\""
                + collection
                + "\",\"filter\":\"id >= 0\","
                + "\"outputFields\":[\"id\",\"embedding\",\"text\"],\"limit\":1000}");
    List<JsonNode> sorted =
        StreamSupport.stream(rows.spliterator(), false)
            .sorted(Comparator.comparingLong(r -> r.path("id").asLong()))
            .collect(java.util.stream.Collectors.toList());
    assertThat(sorted).hasSize(300);
    for (int i = 0; i < 300; i++) {
      JsonNode row = sorted.get(i);
      assertThat(row.path("id").asLong()).isEqualTo(i);
      assertThat(row.path("text").asText()).isEqualTo("doc-" + i);
      List<Float> expected = ImportTestBed.expectedVector(i, DIM);
      for (int d = 0; d < DIM; d++) {
        assertThat(row.path("embedding").get(d).floatValue()).isEqualTo(expected.get(d));
      }
    }
    try (var left = Files.list(STAGING)) {
      // Only the completion record of the write stays.
      assertThat(left).containsExactly(STAGING.resolve("_completed"));
    }
  }

  @Test
  void reportsMissingCollectionFromRealMilvus() {
    assertThatThrownBy(
            () ->
                docs(SparkTestSession.get(), 5)
                    .write()
                    .format("milvus-import")
                    .mode("append")
                    .option("uri", MILVUS.getEndpoint())
                    .option("collection", "does_not_exist")
                    .option("stagingPath", STAGING.toUri().toString())
                    .save())
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("collection 'does_not_exist' does not exist in database 'default'");
  }
}
