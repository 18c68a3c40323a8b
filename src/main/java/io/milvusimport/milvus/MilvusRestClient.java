package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milvus's REST v2 API as the driver uses it: every call is a POST of a JSON body, and failures
 * come back as HTTP 200 with a non-zero {@code code}, which this client turns into {@link
 * MilvusServerException}. Lives on the driver only; it holds the credential.
 */
public final class MilvusRestClient {
  private static final Logger LOG = LoggerFactory.getLogger(MilvusRestClient.class);
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String authorization;
  private final Duration requestTimeout;
  private final HttpClient http;

  /**
   * @param authorization the Authorization header value, or null for none
   */
  public MilvusRestClient(URI base, String authorization, Duration requestTimeout) {
    this(base, authorization, requestTimeout, null);
  }

  /**
   * @param tls the TLS context for https (see {@link MilvusTls}), or null for the JVM's defaults
   */
  public MilvusRestClient(URI base, String authorization, Duration requestTimeout, SSLContext tls) {
    this.base = base;
    this.authorization = authorization;
    this.requestTimeout = requestTimeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  public ObjectNode body() {
    return JSON.createObjectNode();
  }

  /**
   * POSTs {@code body} to {@code /v2/vectordb/<endpoint>} and returns the answer's {@code data}.
   *
   * @throws MilvusServerException when Milvus answers with an error code
   * @throws MilvusTransportException when no answer arrived or it was not Milvus's JSON
   */
  public JsonNode post(String endpoint, JsonNode body) {
    return post(endpoint, body, Map.of());
  }

  /** As {@link #post(String, JsonNode)}, with extra request headers. */
  public JsonNode post(String endpoint, JsonNode body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/v2/vectordb/" + endpoint))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("User-Agent", "milvus-import")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    LOG.debug("POST /v2/vectordb/{}", endpoint);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (isHandshakeFailure(e)) {
        throw MilvusTransportException.tlsHandshake(
            "TLS handshake with Milvus at "
                + base
                + " failed for "
                + endpoint
                + ": "
                + e
                + ". Not retried: check that 'caPemPath' holds the CA that signed the server's"
                + " certificate (whose names must include the uri's host), and for mutual TLS"
                + " 'clientPemPath'/'clientKeyPath'.",
            e);
      }
      throw new MilvusTransportException(
          "Milvus at "
              + base
              + " did not answer "
              + endpoint
              + ": "
              + e
              + ("https".equalsIgnoreCase(base.getScheme())
                  ? " (a Milvus that requires client certificates, tlsMode 2, also closes"
                      + " connections without one: see 'clientPemPath'/'clientKeyPath')"
                  : ""),
          -1,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusImportException("Interrupted while calling Milvus " + endpoint, e);
    }
    return parse(endpoint, response);
  }

  /** A certificate problem, as opposed to a connection that broke during the handshake. */
  private static boolean isHandshakeFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLPeerUnverifiedException
          || t instanceof java.security.cert.CertificateException) {
        return true;
      }
      if (t instanceof SSLHandshakeException) {
        String message = String.valueOf(t.getMessage());
        // "Remote host terminated the handshake" is a dropped connection, which may heal.
        return !message.contains("terminated the handshake");
      }
    }
    return false;
  }

  private JsonNode parse(String endpoint, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode answer = null;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      // handled below
    }
    if (status == 401 || status == 403) {
      String message = answer == null ? "" : answer.path("message").asText("");
      throw new MilvusServerException(
          "Milvus refused the credentials for "
              + endpoint
              + " (HTTP "
              + status
              + "): "
              + message
              + ". Check the 'token' or 'user'/'password' options.",
          answer == null ? status : answer.path("code").asInt(status),
          message,
          null);
    }
    if (status != 200 || answer == null || !answer.has("code")) {
      throw new MilvusTransportException(
          "Milvus at "
              + base
              + " answered "
              + endpoint
              + " with HTTP "
              + status
              + (answer == null ? " and a body that is not JSON" : ""),
          status,
          null);
    }
    int code = answer.path("code").asInt();
    // Some handlers (aliases/describe among them) write success as "code": 200 with data and no
    // message; code 200 with a message is Milvus's "partition not found".
    boolean success = code == 0 || (code == 200 && answer.has("data") && !answer.has("message"));
    if (!success) {
      throw new MilvusServerException(
          endpoint,
          code,
          answer.path("message").asText(""),
          RetryPolicy.retriableCode(endpoint, code));
    }
    return answer.path("data");
  }

  @Override
  public String toString() {
    return "MilvusRestClient{" + base + "}";
  }
}
