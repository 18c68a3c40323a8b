package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's {@code databases/*} answer with Milvus's codes and texts. Each test has a stand-in
 * of its own, since creating and dropping databases changes what the next test would list.
 */
class DatabaseEndpointsTest {
  private final StandInFixture fx = new StandInFixture();
  private final StandInClient c = fx.client;

  @AfterEach
  void stop() {
    fx.close();
  }

  private static List<String> names(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.path("data").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void createdDatabaseIsListedAfterDefaultAndDropRemovesIt() throws Exception {
    assertThat(
            c.post("/v2/vectordb/databases/create", "{\"dbName\":\"made\"}").path("code").asInt())
        .isZero();
    List<String> listed = names(c.post("/v2/vectordb/databases/list", "{}"));
    assertThat(listed.get(0)).isEqualTo("default");
    assertThat(listed).contains("made");
    assertThat(c.post("/v2/vectordb/collections/list", "{\"dbName\":\"made\"}").path("data"))
        .isEmpty();
    assertThat(c.post("/v2/vectordb/databases/drop", "{\"dbName\":\"made\"}").path("code").asInt())
        .isZero();
    assertThat(names(c.post("/v2/vectordb/databases/list", "{}"))).doesNotContain("made");
  }

  @Test
  void creatingAnExistingDatabaseIsAnInvalidParameter() throws Exception {
    JsonNode r = c.post("/v2/vectordb/databases/create", "{\"dbName\":\"default\"}");
    assertThat(r.path("code").asInt()).isEqualTo(1100);
    assertThat(r.path("message").asText())
        .isEqualTo("database already exist: default: invalid parameter");
  }

  @Test
  void droppingDefaultOrADatabaseWithCollectionsIsRefused() throws Exception {
    JsonNode r = c.post("/v2/vectordb/databases/drop", "{\"dbName\":\"default\"}");
    assertThat(r.path("code").asInt()).isEqualTo(65535);
    assertThat(r.path("message").asText()).isEqualTo("can not drop default database");

    c.post("/v2/vectordb/databases/create", "{\"dbName\":\"full\"}");
    fx.standIn.createCollection("full", StandInFixture.KEYED);
    r = c.post("/v2/vectordb/databases/drop", "{\"dbName\":\"full\"}");
    assertThat(r.path("code").asInt()).isEqualTo(65535);
    assertThat(r.path("message").asText())
        .isEqualTo("database:full not empty, must drop all collections before drop database");
    assertThat(names(c.post("/v2/vectordb/databases/list", "{}"))).contains("full");
  }

  @Test
  void listingCollectionsOfAnUnknownDatabaseIsDatabaseNotFound() throws Exception {
    JsonNode r = c.post("/v2/vectordb/collections/list", "{\"dbName\":\"nowhere\"}");
    assertThat(r.path("code").asInt()).isEqualTo(800);
    assertThat(r.path("message").asText()).isEqualTo("database not found[database=nowhere]");
  }

  @Test
  void createWithoutDbNameIsAMissingParameter() throws Exception {
    JsonNode r = c.post("/v2/vectordb/databases/create", "{}");
    assertThat(r.path("code").asInt()).isEqualTo(1802);
  }
}
