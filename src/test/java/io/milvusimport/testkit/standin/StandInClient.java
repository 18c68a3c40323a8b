package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test helper: posts JSON to the stand-in and polls import jobs. */
final class StandInClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String uri;
  private final String token;

  StandInClient(String uri, String token) {
    this.uri = uri;
    this.token = token;
  }

  HttpResponse<String> raw(String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = raw(path, body);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Creates an import job and returns its id (fails the test if create did not answer 0). */
  String importJob(String collection, String filesJson) throws Exception {
    JsonNode r =
        post(
            "/v2/vectordb/jobs/import/create",
            "{\"collectionName\":\"" + collection + "\",\"files\":" + filesJson + "}");
    if (r.path("code").asInt() != 0) {
      throw new AssertionError("create failed: " + r);
    }
    return r.path("data").path("jobId").asText();
  }

  /** Polls describe until Completed or Failed (10 s at most); returns {@code data}. */
  JsonNode awaitFinal(String jobId) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonNode d = post("/v2/vectordb/jobs/import/describe", "{\"jobId\":\"" + jobId + "\"}");
      String state = d.path("data").path("state").asText();
      if ("Completed".equals(state) || "Failed".equals(state)) {
        return d.path("data");
      }
      Thread.sleep(10);
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }
}
