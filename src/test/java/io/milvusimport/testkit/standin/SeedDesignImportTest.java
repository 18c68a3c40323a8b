package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.HandMadeFiles.le;
import static io.milvusimport.testkit.standin.HandMadeFiles.npy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's column groups (Milvus 2.0/2.1 bulk-load design): one column-based JSON file plus
 * {@code <field>.npy} files. Accepted only in the stand-in's seed-design mode; refused at create
 * otherwise, with current Milvus's "inconsistency in file types" error.
 */
class SeedDesignImportTest {
  static final String BOOKS =
      "{\"collectionName\":\"books\",\"schema\":{\"fields\":["
          + "{\"fieldName\":\"uid\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"year\",\"dataType\":\"Int32\"},"
          + "{\"fieldName\":\"vector\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":2}}"
          + "]}}";
  private static StandInFixture seed;
  private static StandInFixture plain;

  @BeforeAll
  static void start() {
    seed = new StandInFixture(b -> b.seedDesignFormats());
    seed.standIn.createCollection("default", BOOKS);
    plain = new StandInFixture();
    plain.standIn.createCollection("default", BOOKS);
  }

  @AfterAll
  static void stop() {
    seed.close();
    plain.close();
  }

  private static String group(StandInFixture fx, String json, byte[] vectors) {
    String dir = "stage/" + UUID.randomUUID() + "/";
    String j = fx.putBytes(dir + "file_1.json", json.getBytes(StandardCharsets.UTF_8));
    String v = fx.putBytes(dir + "vector.npy", vectors);
    return "[[\"" + j + "\",\"" + v + "\"]]";
  }

  private static byte[] twoVectors() {
    return npy(
        "<f4", new long[] {2, 2}, le(16, b -> b.putFloat(1).putFloat(2).putFloat(3).putFloat(4)));
  }

  @Test
  void importsAColumnJsonFileWithNumpyVectorsInSeedDesignMode() throws Exception {
    String files = group(seed, "{\"uid\": [101, 102], \"year\": [1999, 2021]}", twoVectors());
    JsonNode job = seed.client.awaitFinal(seed.client.importJob("books", files));
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("Completed");
    List<Map<String, Object>> rows = seed.standIn.rows("default", "books");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .containsEntry("uid", 101L)
        .containsEntry("year", 1999L)
        .containsEntry("vector", List.of(1f, 2f));
    assertThat(rows.get(1)).containsEntry("uid", 102L).containsEntry("vector", List.of(3f, 4f));
  }

  @Test
  void rejectsColumnsOfDifferentLengthsInSeedDesignMode() throws Exception {
    String files = group(seed, "{\"uid\": [1, 2, 3], \"year\": [1, 2, 3]}", twoVectors());
    JsonNode job = seed.client.awaitFinal(seed.client.importJob("books", files));
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(job.path("reason").asText())
        .isEqualTo(
            "imported rows are not aligned, field 'uid' with '3' rows, field 'vector' with '2'"
                + " rows: importing data failed");
  }

  @Test
  void rejectsAMixedExtensionGroupOutsideSeedDesignMode() throws Exception {
    String files = group(plain, "{\"uid\": [1, 2], \"year\": [1, 2]}", twoVectors());
    JsonNode r =
        plain.client.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"books\",\"files\":" + files + "}");
    assertThat(r.path("code").asInt()).isEqualTo(2100);
    assertThat(r.path("message").asText())
        .startsWith("inconsistency in file types, (stage/")
        .contains("/file_1.json) vs (stage/")
        .endsWith("/vector.npy): importing data failed");
  }
}
