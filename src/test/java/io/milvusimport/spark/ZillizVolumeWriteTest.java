package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.TaskFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code df.write} staged straight into a Zilliz Cloud volume: tasks upload with the temporary
 * credentials of one {@code apply} (PUT only, never HEAD or GET), the commit imports {@code
 * dataPaths} from the volume on the control plane, and the cluster's Milvus holds exactly the rows.
 */
@Tag("e2e")
class ZillizVolumeWriteTest {
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
  void volumeWriteImportsEveryRowOnceFromDataPathsOfTheVolume(String format) {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    int appliesBefore = stack.front().applies();

    stack
        .volumeWriter(stack.docs(300, 3), collection, volume)
        .option("format", format)
        .option("maxFileSize", "4kb")
        .save();

    assertExactlyOnce(stack.rows(collection), 300, ZillizWrites.DIM);
    List<JsonNode> creates = creates(collection);
    assertThat(creates).isNotEmpty();
    for (JsonNode create : creates) {
      assertThat(create.path("volumeName").asText()).isEqualTo(volume);
      assertThat(create.has("objectUrls")).isFalse();
      assertThat(create.path("clusterId").asText()).isEqualTo("in01-standin");
      for (JsonNode file : create.path("dataPaths")) {
        assertThat(file).hasSize(1);
        assertThat(file.get(0).asText()).startsWith("milvus-import/");
        if (format.equals("npy")) {
          assertThat(file.get(0).asText()).endsWith("/");
        }
      }
    }
    // One apply for the write on the driver: tasks renew only near expiry (one hour here).
    assertThat(stack.front().applies() - appliesBefore).isEqualTo(1);
    assertThat(stack.front().requests())
        .noneMatch(r -> r.startsWith("HEAD ") || r.startsWith("GET "));
    assertThat(stack.volumeKeys(volume, "milvus-import/")).isNotEmpty();
  }

  @Test
  void theDefaultFormatStagesNpyGroupsIntoTheVolumeWhichZillizImportsAsFolders() {
    String collection = stack.createDocs();
    String volume = stack.createVolume();

    stack.volumeWriter(stack.docs(200, 2), collection, volume).save();

    assertExactlyOnce(stack.rows(collection), 200, ZillizWrites.DIM);
    List<JsonNode> creates = creates(collection);
    assertThat(creates).hasSize(1);
    assertThat(creates.get(0).path("dataPaths")).hasSize(2);
    creates
        .get(0)
        .path("dataPaths")
        .forEach(
            file -> assertThat(file.get(0).asText()).startsWith("milvus-import/").endsWith("/"));
    assertThat(stack.volumeKeys(volume, "milvus-import/"))
        .hasSize(6)
        .allMatch(
            k -> k.endsWith("/id.npy") || k.endsWith("/embedding.npy") || k.endsWith("/text.npy"));
  }

  @Test
  void writeWhoseCredentialsExpireMidWayRenewsThemInTheTasksAndSucceeds() {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    stack.front().credentialLife(Duration.ofSeconds(3));
    int appliesBefore = stack.front().applies();
    try {
      // Four tasks on two cores; the one reading id 250 pauses past the credentials' life.
      Dataset<Row> df =
          stack.docs(400, 4).withColumn("id", TaskFaults.slowAt(250, 4_000, col("id")));
      stack
          .volumeWriter(df, collection, volume)
          .option("format", "parquet")
          .option("maxFileSize", "2kb")
          .save();
    } finally {
      stack.front().credentialLife(Duration.ofHours(1));
    }

    assertExactlyOnce(stack.rows(collection), 400, ZillizWrites.DIM);
    assertThat(stack.front().applies() - appliesBefore)
        .as("the driver's apply, then renewals by the tasks")
        .isGreaterThan(1);
    assertThat(stack.front().requests())
        .as("no upload was refused for expired credentials")
        .noneMatch(r -> r.startsWith("PUT ") && r.endsWith("-> 403"));
  }

  private static List<JsonNode> creates(String collection) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode create : stack.zilliz().importRequests()) {
      if (create.path("collectionName").asText().equals(collection)) {
        out.add(create);
      }
    }
    return out;
  }
}
