package io.milvusimport.testkit.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each {@link FaultPlan} method changes the stand-in's answers as documented. */
class FaultPlanTest {
  private static final String VALID =
      "[{\"id\":1,\"title\":\"a\",\"vec\":[1,2,3,4],\"bits\":[0,0],\"sparse\":{},\"tags\":[]}]";
  private static StandInFixture fx;
  private static StandInClient c;

  @BeforeAll
  static void start() {
    fx = new StandInFixture();
    c = fx.client;
  }

  @AfterEach
  void reset() {
    fx.standIn.faults().reset();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void failNextAnswersErrorBodyThenRecovers() throws Exception {
    fx.standIn.faults().failNext("collections/has", 2, 65535, "boom");
    for (int i = 0; i < 2; i++) {
      JsonNode r = c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"docs\"}");
      assertThat(r.path("code").asInt()).isEqualTo(65535);
      assertThat(r.path("message").asText()).isEqualTo("boom");
    }
    assertThat(
            c.post("/v2/vectordb/collections/has", "{\"collectionName\":\"docs\"}")
                .path("code")
                .asInt())
        .isZero();
  }

  @Test
  void failNextHttpAnswersStatus() throws Exception {
    fx.standIn.faults().failNextHttp("jobs/import/create", 1, 503);
    assertThat(c.raw("/v2/vectordb/jobs/import/create", "{}").statusCode()).isEqualTo(503);
    assertThat(c.raw("/v2/vectordb/jobs/import/create", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void dropConnectionClosesWithoutAnswer() throws Exception {
    fx.standIn.faults().dropConnection("collections/list", 1);
    assertThatThrownBy(() -> c.raw("/v2/vectordb/collections/list", "{}"))
        .isInstanceOf(IOException.class);
    assertThat(c.raw("/v2/vectordb/collections/list", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void delaySlowsTheEndpoint() throws Exception {
    fx.standIn.faults().delay("collections/list", Duration.ofMillis(300));
    long t0 = System.nanoTime();
    c.post("/v2/vectordb/collections/list", "{}");
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void failNextJobEndsFailedWithReasonAndImportsNothing() throws Exception {
    int before = fx.standIn.rows("default", "docs").size();
    fx.standIn.faults().failNextJob("injected: disk quota exceeded");
    JsonNode job = c.awaitFinal(c.importJob("docs", "[[\"" + fx.put(".json", VALID) + "\"]]"));
    assertThat(job.path("state").asText()).isEqualTo("Failed");
    assertThat(job.path("reason").asText()).isEqualTo("injected: disk quota exceeded");
    assertThat(fx.standIn.rows("default", "docs")).hasSize(before);
  }

  @Test
  void rejectJobsWithLimitAnswers2101() throws Exception {
    fx.standIn.faults().rejectJobsWithLimit(1);
    String body = "{\"collectionName\":\"docs\",\"files\":[[\"" + fx.put(".json", VALID) + "\"]]}";
    JsonNode r = c.post("/v2/vectordb/jobs/import/create", body);
    assertThat(r.path("code").asInt()).isEqualTo(2101);
    assertThat(r.path("message").asText()).contains("The number of jobs has reached the limit");
    JsonNode ok = c.post("/v2/vectordb/jobs/import/create", body);
    assertThat(ok.path("code").asInt()).isZero();
    c.awaitFinal(ok.path("data").path("jobId").asText());
  }

  @Test
  void forgetFinishedJobsAnswersJobDoesNotExist() throws Exception {
    String id = c.importJob("docs", "[[\"" + fx.put(".json", VALID) + "\"]]");
    c.awaitFinal(id);
    fx.standIn.faults().forgetFinishedJobs();
    JsonNode r = c.post("/v2/vectordb/jobs/import/describe", "{\"jobId\":\"" + id + "\"}");
    assertThat(r.path("code").asInt()).isEqualTo(2101);
    assertThat(r.path("message").asText()).contains("import job does not exist");
  }
}
