package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in's REST v2 endpoints and their Milvus error answers. */
class RestEndpointsTest {
  private static StandInFixture fx;
  private static StandInClient c;

  @BeforeAll
  static void start() {
    fx = new StandInFixture();
    c = fx.client;
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void describeAnswersContractShape() throws Exception {
    HttpResponse<String> raw =
        c.raw("/v2/vectordb/collections/describe", "{\"collectionName\":\"docs\"}");
    assertThat(raw.headers().firstValue("X-Stand-In")).hasValue("not Milvus");
    JsonNode d = StandInClient.JSON.readTree(raw.body()).path("data");
    assertThat(d.path("collectionName").asText()).isEqualTo("docs");
    assertThat(d.path("enableDynamicField").asBoolean()).isTrue();
    assertThat(d.path("autoId").asBoolean()).isFalse();
    JsonNode vec = d.path("fields").get(2);
    assertThat(vec.path("name").asText()).isEqualTo("vec");
    assertThat(vec.path("type").asText()).isEqualTo("FloatVector");
    assertThat(vec.path("params").get(0).path("key").asText()).isEqualTo("dim");
    assertThat(vec.path("params").get(0).path("value").isTextual()).isTrue();
    assertThat(d.path("fields").get(0).path("primaryKey").asBoolean()).isTrue();
    assertThat(d.path("fields").get(3).path("nullable").asBoolean()).isTrue();
    assertThat(d.path("fields").get(4).path("defaultValue").asDouble()).isEqualTo(1.5);
    assertThat(d.path("fields").get(0).has("defaultValue")).isFalse();
    assertThat(d.path("fields").get(5).path("elementType").asText()).isEqualTo("VarChar");
    for (String k :
        new String[] {
          "functions",
          "aliases",
          "indexes",
          "load",
          "shardsNum",
          "partitionsNum",
          "consistencyLevel",
          "properties"
        }) {
      assertThat(d.has(k)).as(k).isTrue();
    }
    JsonNode auto = c.post("/v2/vectordb/collections/describe", "{\"collectionName\":\"auto\"}");
    assertThat(auto.path("data").path("fields").get(2).path("isFunctionOutput").asBoolean())
        .isTrue();
    assertThat(auto.path("data").path("fields").get(0).path("autoId").asBoolean()).isTrue();
  }

  @Test
  void collectionLifecycleEndpointsAnswer() throws Exception {
    String body =
        "{\"collectionName\":\"tmp\",\"schema\":{\"fields\":[{\"fieldName\":\"id\","
            + "\"dataType\":\"Int64\",\"isPrimary\":true},{\"fieldName\":\"g\",\"dataType\":\"Geometry\"},"
            + "{\"fieldName\":\"t\",\"dataType\":\"Timestamptz\"},{\"fieldName\":\"i8\","
            + "\"dataType\":\"Int8Vector\",\"elementTypeParams\":{\"dim\":\"8\"}}]}}";
    assertThat(c.post("/v2/vectordb/collections/create", body).path("code").asInt()).isZero();
    assertThat(
            c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"tmp\"}")
                .path("data")
                .path("has")
                .asBoolean())
        .isTrue();
    assertThat(c.post("/v2/vectordb/collections/list", "{}").path("data").toString())
        .contains("\"tmp\"");
    assertThat(
            c.post("/v2/vectordb/collections/flush", "{\"collectionName\":\"tmp\"}")
                .path("code")
                .asInt())
        .isZero();
    assertThat(
            c.post("/v2/vectordb/collections/get_load_state", "{\"collectionName\":\"tmp\"}")
                .path("data")
                .has("loadState"))
        .isTrue();
    assertThat(
            c.post("/v2/vectordb/collections/drop", "{\"collectionName\":\"tmp\"}")
                .path("code")
                .asInt())
        .isZero();
    assertThat(
            c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"tmp\"}")
                .path("data")
                .path("has")
                .asBoolean())
        .isFalse();
  }

  @Test
  void partitionEndpointsAndImportIntoNamedPartition() throws Exception {
    assertThat(
            c.post(
                    "/v2/vectordb/partitions/create",
                    "{\"collectionName\":\"docs\",\"partitionName\":\"p1\"}")
                .path("code")
                .asInt())
        .isZero();
    assertThat(
            c.post(
                    "/v2/vectordb/partitions/has",
                    "{\"collectionName\":\"docs\",\"partitionName\":\"p1\"}")
                .path("data")
                .path("has")
                .asBoolean())
        .isTrue();
    assertThat(
            c.post("/v2/vectordb/partitions/list", "{\"collectionName\":\"docs\"}")
                .path("data")
                .toString())
        .contains("_default", "p1");
    String key =
        fx.put(
            ".json",
            "[{\"id\":9,\"title\":\"p\",\"vec\":[1,2,3,4],\"bits\":[0,0],"
                + "\"sparse\":{},\"tags\":[]}]");
    JsonNode r =
        c.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"docs\","
                + "\"partitionName\":\"p1\",\"files\":[[\""
                + key
                + "\"]],\"options\":{\"timeout\":\"300s\"}}");
    JsonNode job = c.awaitFinal(r.path("data").path("jobId").asText());
    assertThat(job.path("state").asText()).isEqualTo("Completed");
    assertThat(fx.standIn.rows("default", "docs", "p1"))
        .extracting(m -> m.get("id"))
        .containsExactly(9L);
    assertThat(fx.standIn.importRequests())
        .last()
        .satisfies(b -> assertThat(b.path("partitionName").asText()).isEqualTo("p1"));
    // handler_v2.go listImportJob: records of jobId (string), collectionName, state, progress and
    // reason when set; no per-file details.
    JsonNode list = c.post("/v2/vectordb/jobs/import/list", "{\"collectionName\":\"docs\"}");
    JsonNode record = list.path("data").path("records").get(0);
    assertThat(record.path("jobId").isTextual()).isTrue();
    assertThat(record.path("jobId").asText()).isEqualTo(job.path("jobId").asText());
    assertThat(record.path("collectionName").asText()).isEqualTo("docs");
    assertThat(record.path("state").asText()).isEqualTo("Completed");
    assertThat(record.path("progress").asInt()).isEqualTo(100);
    assertThat(record.has("details")).isFalse();
    // GetTaskProgresses names a file fmt.Sprintf("%v", paths): "[key]".
    assertThat(job.path("details").get(0).path("fileName").asText()).isEqualTo("[" + key + "]");
    JsonNode progress =
        c.post(
            "/v2/vectordb/jobs/import/get_progress",
            "{\"jobId\":" + job.path("jobId").asText() + "}");
    assertThat(progress.path("data").path("state").asText()).isEqualTo("Completed");
  }

  @Test
  void wrongTokenAnswers401With1800() throws Exception {
    HttpResponse<String> r =
        new StandInClient(fx.standIn.uri(), "root:wrong")
            .raw("/v2/vectordb/collections/list", "{}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(StandInClient.JSON.readTree(r.body()).path("code").asInt()).isEqualTo(1800);
    assertThat(
            new StandInClient(fx.standIn.uri(), null)
                .raw("/v2/vectordb/collections/list", "{}")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void unknownCollectionAnswers100() throws Exception {
    JsonNode r = c.post("/v2/vectordb/collections/describe", "{\"collectionName\":\"nope\"}");
    assertThat(r.path("code").asInt()).isEqualTo(100);
    assertThat(r.path("message").asText())
        .isEqualTo("collection not found[database=default][collection=nope]");
  }

  @Test
  void malformedBodyAnswers1801() throws Exception {
    assertThat(
            c.post("/v2/vectordb/collections/describe", "{\"collectionName\":")
                .path("code")
                .asInt())
        .isEqualTo(1801);
    JsonNode r =
        c.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"docs\",\"files\":[[\"a.json\"]],\"options\":{\"timeout\":300}}");
    assertThat(r.path("code").asInt()).isEqualTo(1801);
  }

  @Test
  void missingParameterAnswers1802() throws Exception {
    assertThat(c.post("/v2/vectordb/collections/describe", "{}").path("code").asInt())
        .isEqualTo(1802);
    assertThat(c.post("/v2/vectordb/jobs/import/describe", "{}").path("code").asInt())
        .isEqualTo(1802);
  }

  @Test
  void emptyFilesAnswers1100() throws Exception {
    JsonNode r =
        c.post("/v2/vectordb/jobs/import/create", "{\"collectionName\":\"docs\",\"files\":[]}");
    assertThat(r.path("code").asInt()).isEqualTo(1100);
    assertThat(r.path("message").asText()).contains("import request is empty");
  }

  @Test
  void tooManyFilesAnswersMilvusText() throws Exception {
    JsonNode r =
        c.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"docs\","
                + "\"files\":[[\"a.json\"],[\"b.json\"],[\"c.json\"],[\"d.json\"]]}");
    assertThat(r.path("code").asInt()).isEqualTo(2100);
    assertThat(r.path("message").asText())
        .startsWith("The max number of import files should not exceed 3, but got 4");
  }

  @Test
  void unexpectedFileTypeIsRejectedAtCreate() throws Exception {
    JsonNode r =
        c.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"docs\",\"files\":[[\"x.json.gz\"]]}");
    assertThat(r.path("code").asInt()).isEqualTo(2100);
    assertThat(r.path("message").asText())
        .isEqualTo("unexpected file type, files=[x.json.gz]: importing data failed");
  }

  @Test
  void partitionNotFoundAnswers200() throws Exception {
    JsonNode r =
        c.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"docs\","
                + "\"partitionName\":\"nope\",\"files\":[[\"a.json\"]]}");
    assertThat(r.path("code").asInt()).isEqualTo(200);
    assertThat(r.path("message").asText()).isEqualTo("partition not found[partition=nope]");
  }

  @Test
  void partitionNameRefusedForPartitionKeyCollection() throws Exception {
    JsonNode r =
        c.post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"keyed\","
                + "\"partitionName\":\"_default\",\"files\":[[\"a.json\"]]}");
    assertThat(r.path("code").asInt()).isEqualTo(2100);
    assertThat(r.path("message").asText())
        .contains("not allow to set partition name for collection with partition key");
  }

  @Test
  void unfinishedJobLimitAnswers2101() throws Exception {
    try (MilvusStandIn small =
        MilvusStandIn.builder()
            .localStorage()
            .maxUnfinishedJobs(1)
            .stepDelay(java.time.Duration.ofSeconds(5))
            .start()) {
      small.createCollection("default", StandInFixture.DOCS);
      StandInClient sc = new StandInClient(small.uri(), "root:Milvus");
      sc.importJob("docs", "[[\"/nonexistent/a.json\"]]");
      JsonNode r =
          sc.post(
              "/v2/vectordb/jobs/import/create",
              "{\"collectionName\":\"docs\",\"files\":[[\"/nonexistent/b.json\"]]}");
      assertThat(r.path("code").asInt()).isEqualTo(2101);
      assertThat(r.path("message").asText())
          .startsWith("The number of jobs has reached the limit, please try again later");
    }
  }

  @Test
  void unknownJobAnswersJobDoesNotExist() throws Exception {
    JsonNode r = c.post("/v2/vectordb/jobs/import/describe", "{\"jobId\":\"12345\"}");
    assertThat(r.path("code").asInt()).isEqualTo(2101);
    assertThat(r.path("message").asText()).contains("import job does not exist, jobID=12345");
  }

  @Test
  void dbNameComesFromHeaderOrBody() throws Exception {
    JsonNode r =
        c.post(
            "/v2/vectordb/collections/describe",
            "{\"dbName\":\"other\",\"collectionName\":\"docs\"}");
    assertThat(r.path("message").asText()).contains("[database=other]");
  }
}
