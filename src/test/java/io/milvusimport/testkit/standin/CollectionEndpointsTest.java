package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in's collection create with indexes, index describe and rename (save modes). */
class CollectionEndpointsTest {
  private static StandInFixture fx;
  private static StandInClient c;

  @BeforeAll
  static void start() throws Exception {
    fx = new StandInFixture();
    c = fx.client;
    c.post(
        "/v2/vectordb/collections/create",
        "{\"collectionName\":\"blue\",\"schema\":{\"fields\":[{\"fieldName\":\"id\","
            + "\"dataType\":\"Int64\",\"isPrimary\":true},{\"fieldName\":\"v\","
            + "\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":\"2\"}}]}}");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonNode post(String path, String body) throws Exception {
    return c.post("/v2/vectordb/aliases/" + path, body);
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
    assertThat(
            c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"before\"}")
                .path("data")
                .path("has")
                .asBoolean())
        .isFalse();
  }
}
