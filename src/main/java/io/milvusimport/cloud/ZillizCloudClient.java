package io.milvusimport.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.MilvusTransportException;
import io.milvusimport.milvus.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zilliz Cloud's control plane as the connector uses it: Bearer auth with the API key, JSON replies
 * {@code {code, message, data}} where success is {@code code == 0} and HTTP 200 (some doc examples
 * show 200 as success code: not trusted). The control plane allows 20 requests per second per
 * endpoint, so an HTTP 429 (or a body saying "rate limit") backs off with jitter and tries again
 * until {@code cloudRateLimitWait} has passed: never giving up at once. No answer, HTTP 5xx or a
 * body that is not the control plane's JSON are retried {@code retries} times when the call is safe
 * to repeat; a call that is not (an import create) is repeated only when the request was never sent
 * (connection refused), and the caller decides the rest ({@link MilvusTransportException}).
 * Refusals become {@link ZillizCloudException} with what to change ({@link CloudErrors}).
 */
public final class ZillizCloudClient {
  private static final Logger LOG = LoggerFactory.getLogger(ZillizCloudClient.class);
  static final ObjectMapper JSON = new ObjectMapper();

  private final CloudConnection connection;
  private final RetryPolicy backOff;
  private final HttpClient http;

  ZillizCloudClient(CloudConnection connection) {
    this.connection = connection;
    this.backOff = connection.calls().retryPolicy();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connection.calls().requestTimeout())
            .build();
  }

  public CloudConnection connection() {
    return connection;
  }

  public ObjectNode body() {
    return JSON.createObjectNode();
  }

  /** GETs {@code path} with the query parameters (null values left out); returns {@code data}. */
  public JsonNode get(String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (k, v) -> {
          if (v != null) {
            q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return call("GET", path + q, null, true);
  }

  /** POSTs {@code body}; {@code safeToRepeat} false for calls that may act twice (a create). */
  public JsonNode post(String path, JsonNode body, boolean safeToRepeat) {
    return call("POST", path, body, safeToRepeat);
  }

  public JsonNode delete(String path) {
    return call("DELETE", path, null, true);
  }

  private JsonNode call(String method, String path, JsonNode body, boolean safeToRepeat) {
    long rateLimitDeadline = System.nanoTime() + connection.rateLimitWait().toNanos();
    int rateLimited = 0;
    int failures = 0;
    while (true) {
      try {
        return once(method, path, body);
      } catch (RateLimited e) {
        long left = rateLimitDeadline - System.nanoTime();
        if (left <= 0) {
          throw new MilvusImportException(
              "Zilliz Cloud kept answering "
                  + method
                  + " "
                  + path
                  + " with its rate limit (20 requests per second per endpoint) for "
                  + connection.rateLimitWait().toMillis()
                  + " ms after "
                  + (rateLimited + 1)
                  + " attempt(s): other clients of your organisation are using the endpoint."
                  + " Try again later or raise option '"
                  + CloudKeys.CLOUD_RATE_LIMIT_WAIT
                  + "'.");
        }
        long wait = Math.min(backOff.delayMillis(rateLimited++), Math.max(1, left / 1_000_000));
        LOG.info("Zilliz Cloud rate limit on {} {}: waiting {} ms", method, path, wait);
        sleep(wait);
      } catch (MilvusTransportException e) {
        boolean neverSent = e.getCause() instanceof ConnectException;
        boolean heals = RetryPolicy.isTransient(e);
        if (!heals || (!safeToRepeat && !neverSent) || failures >= connection.calls().retries()) {
          throw e;
        }
        long wait = backOff.delayMillis(failures++);
        LOG.warn(
            "Zilliz Cloud {} {} failed ({}); retry {} of {} in {} ms",
            method,
            path,
            e.getMessage(),
            failures,
            connection.calls().retries(),
            wait);
        sleep(wait);
      }
    }
  }

  private JsonNode once(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(connection.endpoint() + path))
            .timeout(connection.calls().requestTimeout())
            .header("Accept", "application/json")
            .header("User-Agent", "milvus-import")
            .header("Authorization", "Bearer " + connection.requireApiKey());
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    LOG.debug("{} {}", method, path);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw MilvusTransportException.of(
          "Zilliz Cloud at "
              + connection.endpoint()
              + " did not answer "
              + method
              + " "
              + path
              + ": "
              + e,
          -1,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while calling Zilliz Cloud " + path, e);
    }
    return parse(method, path, body, response);
  }

  private JsonNode parse(String method, String path, JsonNode body, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode answer = null;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      // handled below
    }
    int code = answer == null ? status : answer.path("code").asInt(status);
    String message = answer == null ? "" : answer.path("message").asText("");
    if (status == 429 || (code != 0 && CloudErrors.rateLimited(message))) {
      throw new RateLimited();
    }
    if (status == 401 || status == 403 || code == ZillizCloudException.NOT_AUTHENTICATED) {
      throw CloudErrors.refused(method, path, body, code, message, status);
    }
    if (status >= 500 || answer == null || !answer.has("code")) {
      throw MilvusTransportException.of(
          "Zilliz Cloud at "
              + connection.endpoint()
              + " answered "
              + method
              + " "
              + path
              + " with HTTP "
              + status
              + (answer == null ? " and a body that is not JSON" : ""),
          status,
          null);
    }
    if (status != 200 || code != 0) {
      throw CloudErrors.refused(method, path, body, code, message, status);
    }
    return answer.path("data");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while waiting to retry a Zilliz Cloud call", e);
    }
  }

  /** The control plane's rate limit answered; handled inside {@link #call}. */
  private static final class RateLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RateLimited() {
      super(null, null, false, false);
    }
  }

  @Override
  public String toString() {
    return "ZillizCloudClient{" + connection + "}";
  }
}
