package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's {@code /v2/vectordb/aliases/*} and how names resolve through aliases; collection
 * create with indexes, index describe and rename (save modes).
 */
class AliasEndpointsTest {
  private static StandInFixture fx;
  private static StandInClient c;

  @BeforeAll
  static void start() throws Exception {
    fx = new StandInFixture();
    c = fx.client;
    for (String name : new String[] {"blue", "green"}) {
      c.post(
          "/v2/vectordb/collections/create",
          "{\"collectionName\":\""
              + name
              + "\",\"schema\":{\"fields\":[{\"fieldName\":\"id\",\"dataType\":\"Int64\","
              + "\"isPrimary\":true},{\"fieldName\":\"v\",\"dataType\":\"FloatVector\","
              + "\"elementTypeParams\":{\"dim\":\"2\"}}]}}");
    }
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonNode post(String path, String body) throws Exception {
    return c.post("/v2/vectordb/aliases/" + path, body);
  }

  @Test
  void aliasIsCreatedDescribedAlteredListedAndResolvedLikeMilvus() throws Exception {
    assertThat(post("create", "{\"collectionName\":\"blue\",\"aliasName\":\"live\"}").toString())
        .isEqualTo("{\"code\":0,\"data\":{}}");
    JsonNode d = post("describe", "{\"aliasName\":\"live\"}");
    // Milvus's handler writes this success as code 200.
    assertThat(d.path("code").asInt()).isEqualTo(200);
    assertThat(d.path("data").path("collectionName").asText()).isEqualTo("blue");
    assertThat(d.path("data").path("dbName").asText()).isEqualTo("default");
    assertThat(d.path("data").path("aliasName").asText()).isEqualTo("live");
    JsonNode through = c.post("/v2/vectordb/collections/describe", "{\"collectionName\":\"live\"}");
    assertThat(through.path("data").path("collectionName").asText()).isEqualTo("blue");
    assertThat(through.path("data").path("aliases").toString()).isEqualTo("[\"live\"]");
    assertThat(
            c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"live\"}")
                .path("data")
                .path("has")
                .asBoolean())
        .isTrue();

    assertThat(
            post("alter", "{\"collectionName\":\"green\",\"aliasName\":\"live\"}")
                .path("code")
                .asInt())
        .isZero();
    assertThat(
            post("describe", "{\"aliasName\":\"live\"}")
                .path("data")
                .path("collectionName")
                .asText())
        .isEqualTo("green");
    assertThat(post("list", "{}").path("data").toString()).isEqualTo("[\"live\"]");
    assertThat(post("list", "{\"collectionName\":\"blue\"}").path("data").toString())
        .isEqualTo("[]");
  }

  @Test
  void aliasErrorsAnswerWithMilvusCodesAndTexts() throws Exception {
    JsonNode missing = post("describe", "{\"aliasName\":\"nope\"}");
    assertThat(missing.path("code").asInt()).isEqualTo(1600);
    assertThat(missing.path("message").asText())
        .isEqualTo("alias not found[database=default][alias=nope]");
    assertThat(
            post("alter", "{\"collectionName\":\"blue\",\"aliasName\":\"nope\"}")
                .path("code")
                .asInt())
        .isEqualTo(1600);
    JsonNode conflict = post("create", "{\"collectionName\":\"blue\",\"aliasName\":\"green\"}");
    assertThat(conflict.path("code").asInt()).isEqualTo(1601);
    post("create", "{\"collectionName\":\"blue\",\"aliasName\":\"readers\"}");
    assertThat(
            post("create", "{\"collectionName\":\"green\",\"aliasName\":\"readers\"}")
                .path("code")
                .asInt())
        .isEqualTo(1602);
    JsonNode viaAlias = c.post("/v2/vectordb/collections/drop", "{\"collectionName\":\"readers\"}");
    assertThat(viaAlias.path("message").asText()).contains("cannot drop the collection via alias");
    JsonNode withAlias = c.post("/v2/vectordb/collections/drop", "{\"collectionName\":\"blue\"}");
    assertThat(withAlias.path("code").asInt()).isEqualTo(1100);
    assertThat(withAlias.path("message").asText()).contains("has associated aliases [readers]");
    post("drop", "{\"aliasName\":\"readers\"}");
    assertThat(post("describe", "{\"aliasName\":\"readers\"}").path("code").asInt())
        .isEqualTo(1600);
  }

  @Test
  void createKeepsIndexParamsWhichDescribeAndIndexDescribeAnswer() throws Exception {
    c.post(
        "/v2/vectordb/collections/create",
        "{\"collectionName\":\"indexed\",\"schema\":{\"fields\":[{\"fieldName\":\"id\","
            + "\"dataType\":\"Int64\",\"isPrimary\":true},{\"fieldName\":\"v\","
            + "\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":\"2\"}}]},"
            + "\"indexParams\":[{\"fieldName\":\"v\",\"indexName\":\"v_idx\","
            + "\"metricType\":\"IP\",\"indexType\":\"HNSW\",\"params\":{\"M\":8}}]}");

    JsonNode d = c.post("/v2/vectordb/collections/describe", "{\"collectionName\":\"indexed\"}");
    assertThat(d.path("data").path("indexes").toString())
        .isEqualTo("[{\"fieldName\":\"v\",\"indexName\":\"v_idx\",\"metricType\":\"IP\"}]");
    JsonNode i =
        c.post(
            "/v2/vectordb/indexes/describe",
            "{\"collectionName\":\"indexed\",\"indexName\":\"v_idx\"}");
    assertThat(i.path("data").get(0).path("indexType").asText()).isEqualTo("HNSW");
    assertThat(i.path("data").get(0).path("params").toString()).isEqualTo("{\"M\":8}");
    assertThat(
            c.post(
                    "/v2/vectordb/indexes/describe",
                    "{\"collectionName\":\"indexed\",\"indexName\":\"nope\"}")
                .path("code")
                .asInt())
        .isEqualTo(700);
    JsonNode refused =
        c.post(
            "/v2/vectordb/collections/create",
            "{\"collectionName\":\"bad_index\",\"schema\":{\"fields\":[{\"fieldName\":\"id\","
                + "\"dataType\":\"Int64\",\"isPrimary\":true}]},"
                + "\"indexParams\":[{\"fieldName\":\"w\",\"metricType\":\"IP\"}]}");
    assertThat(refused.path("code").asInt()).isEqualTo(1100);
  }

  @Test
  void renameMovesRowsAndAliasesAndRefusesATakenName() throws Exception {
    c.post(
        "/v2/vectordb/collections/create",
        "{\"collectionName\":\"before\",\"schema\":{\"fields\":[{\"fieldName\":\"id\","
            + "\"dataType\":\"Int64\",\"isPrimary\":true},{\"fieldName\":\"v\","
            + "\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":\"2\"}}]}}");
    post("create", "{\"collectionName\":\"before\",\"aliasName\":\"before_live\"}");

    JsonNode taken =
        c.post(
            "/v2/vectordb/collections/rename",
            "{\"collectionName\":\"before\",\"newCollectionName\":\"blue\"}");
    assertThat(taken.path("code").asInt()).isEqualTo(1100);
    assertThat(taken.path("message").asText()).contains("duplicated new collection name");

    assertThat(
            c.post(
                    "/v2/vectordb/collections/rename",
                    "{\"collectionName\":\"before\",\"newCollectionName\":\"after\"}")
                .path("code")
                .asInt())
        .isZero();
    assertThat(
            post("describe", "{\"aliasName\":\"before_live\"}")
                .path("data")
                .path("collectionName")
                .asText())
        .isEqualTo("after");
    post("drop", "{\"aliasName\":\"before_live\"}"); // the alias listing test lists them all
    assertThat(
            c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"before\"}")
                .path("data")
                .path("has")
                .asBoolean())
        .isFalse();
  }
}
