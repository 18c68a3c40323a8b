package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP front of the stand-in: logs, applies {@link FaultPlan}, checks the bearer token, parses the
 * JSON body and dispatches to the endpoint registered for the path. Every answer carries {@code
 * X-Stand-In: not Milvus}. Errors are HTTP 200 {@code {"code":N,"message":...}} except auth (401).
 */
final class RestRouter implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RestRouter.class);
  static final String TAG = "[milvus stand-in, not Milvus]";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed request: body object and database name. */
  static final class Request {
    final ObjectNode body;
    final String db;
    final String idempotencyKey;

    /** The {@code DB-Name} header, else {@code default}: what a restore falls back to. */
    final String headerDb;

    Request(ObjectNode body, String db) {
      this(body, db, null, "default");
    }

    Request(ObjectNode body, String db, String idempotencyKey, String headerDb) {
      this.body = body;
      this.db = db;
      this.idempotencyKey = idempotencyKey;
      this.headerDb = headerDb;
    }

    /** A required string field, else Milvus's 1802 binding error naming {@code struct.Field}. */
    String required(String field, String struct) {
      JsonNode v = body.get(field);
      if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
        String goField = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        throw MilvusErrors.missingParameter(struct, goField);
      }
      if (!v.isTextual()) {
        throw MilvusErrors.incorrectFormat(
            "json: cannot unmarshal "
                + jsonKind(v)
                + " into Go struct field "
                + struct
                + "."
                + field
                + " of type string");
      }
      return v.asText();
    }
  }

  /** One endpoint: returns the {@code data} of a success answer (may be null). */
  interface Endpoint {
    JsonNode handle(Request request);
  }

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

  /** The {@code code} of a success answer where Milvus writes one other than 0. */
  private final Map<String, Integer> successCodes = new ConcurrentHashMap<>();

  /** Every request's path, in the order received (faulted ones included). */
  final List<String> received = Collections.synchronizedList(new ArrayList<>());

  private final String token;
  private final FaultPlan faults;

  RestRouter(String token, FaultPlan faults) {
    this.token = token;
    this.faults = faults;
  }

  void register(String path, Endpoint endpoint) {
    endpoints.put(path, endpoint);
  }

  /** As {@link #register}, for a handler that answers success with {@code code} (e.g. 200). */
  void registerWithCode(String path, int code, Endpoint endpoint) {
    successCodes.put(path, code);
    endpoints.put(path, endpoint);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    LOG.debug("{} {} {}", TAG, ex.getRequestMethod(), path);
    received.add(path);
    try (InputStream in = ex.getRequestBody()) {
      byte[] raw = in.readAllBytes();
      Duration delay = faults.delayFor(path);
      if (!delay.isZero()) {
        sleep(delay);
      }
      Optional<FaultPlan.Fault> fault = faults.takeFault(path);
      faults.fireTriggers(path);
      if (fault.isPresent() && fault.get().kind == FaultPlan.Kind.LOSE_REPLY) {
        String lost = answer(ex, path, raw);
        LOG.info("{} handled {} but loses the reply (injected fault): {}", TAG, path, lost);
        sleep(fault.get().delay);
        throw new IOException("stand-in loses this reply (injected fault)");
      }
      if (fault.isPresent()) {
        FaultPlan.Fault f = fault.get();
        LOG.info("{} injected fault {} on {}", TAG, f.kind, path);
        switch (f.kind) {
          case DROP:
            throw new IOException("stand-in drops this connection (injected fault)");
          case HTTP_STATUS:
            send(ex, f.code, "{\"code\":" + f.code + ",\"message\":\"injected HTTP status\"}");
            return;
          default:
            send(ex, 200, error(f.code, f.message));
            return;
        }
      }
      send(ex, 200, answer(ex, path, raw));
    } catch (ApiException e) {
      if (e.httpStatus == 404) {
        // Milvus's HTTP router (gin) answers an unknown route with this text, not JSON.
        sendText(ex, 404, "404 page not found");
        return;
      }
      send(ex, e.httpStatus, error(e.code, e.getMessage()));
    }
  }

  private String answer(HttpExchange ex, String path, byte[] raw) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.equals("Bearer " + token)) {
      throw MilvusErrors.notAuthenticated();
    }
    Endpoint endpoint = endpoints.get(path);
    if (endpoint == null) {
      throw new ApiException(404, 404, "404 page not found");
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      throw new ApiException(405, 405, "405 method not allowed");
    }
    ObjectNode body = parseBody(raw);
    String header = ex.getRequestHeaders().getFirst("DB-Name");
    String headerDb = header == null || header.isEmpty() ? "default" : header;
    String db = body.path("dbName").asText("");
    if (db.isEmpty()) {
      db = headerDb;
    }
    JsonNode data =
        endpoint.handle(
            new Request(body, db, ex.getRequestHeaders().getFirst("Idempotency-Key"), headerDb));
    ObjectNode out = JSON.createObjectNode();
    out.put("code", successCodes.getOrDefault(path, 0));
    out.set("data", data == null ? JSON.createObjectNode() : data);
    return out.toString();
  }

  private static ObjectNode parseBody(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      throw MilvusErrors.incorrectFormat(m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m);
    }
    if (!(node instanceof ObjectNode)) {
      throw MilvusErrors.incorrectFormat(
          "json: cannot unmarshal "
              + jsonKind(node)
              + " into Go value of type map[string]interface {}");
    }
    return (ObjectNode) node;
  }

  static String jsonKind(JsonNode v) {
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isObject()) {
      return "object";
    }
    return v.isTextual() ? "string" : "null";
  }

  private static String error(int code, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", code);
    o.put("message", message);
    return o.toString();
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("X-Stand-In", "not Milvus");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendText(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.getResponseHeaders().set("X-Stand-In", "not Milvus");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
