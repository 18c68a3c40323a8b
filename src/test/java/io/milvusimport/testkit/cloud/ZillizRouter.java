package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP front of the Zilliz stand-in: records every request, applies injected faults, checks the
 * Bearer API key (code 1800), enforces the per-endpoint rate limit (HTTP 429), and dispatches by
 * method and path. Every answer carries {@code X-Stand-In: not Zilliz Cloud}; refusals are HTTP 200
 * {@code {code, message}}.
 */
final class ZillizRouter implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ZillizRouter.class);
  static final String TAG = "[zilliz stand-in, not Zilliz Cloud]";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed request. */
  static final class Request {
    final String method;
    final String path;
    final Map<String, String> query;
    final ObjectNode body;

    Request(String method, String path, Map<String, String> query, ObjectNode body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
    }

    /** The last path segment (a volume name in {@code /v2/volumes/{name}}). */
    String tail() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    String text(String field) {
      String q = query.get(field);
      return q != null ? q : body.path(field).asText("");
    }
  }

  /** A refusal answered as {@code {code, message}} with HTTP 200. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Refusal(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  interface Endpoint {
    JsonNode handle(Request request);
  }

  private final Map<String, Endpoint> routes = new ConcurrentHashMap<>();
  private final Set<String> apiKeys;
  private final int ratePerSecond;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final AtomicInteger rateLimited = new AtomicInteger();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  /**
   * One injected fault: the next {@code times} requests whose path starts so are answered with
   * {@code httpStatus} and {@code body} (null: a JSON error), after waiting {@code delayMillis}; a
   * status of 0 only delays, then handles the request as usual.
   */
  private static final class Fault {
    final String pathPrefix;
    final int httpStatus;
    final String body;
    final long delayMillis;
    final AtomicInteger left;

    Fault(String pathPrefix, int httpStatus, String body, long delayMillis, int times) {
      this.pathPrefix = pathPrefix;
      this.httpStatus = httpStatus;
      this.body = body;
      this.delayMillis = delayMillis;
      this.left = new AtomicInteger(times);
    }
  }

  ZillizRouter(Set<String> apiKeys, int ratePerSecond) {
    this.apiKeys = apiKeys;
    this.ratePerSecond = ratePerSecond;
  }

  /** {@code key} is "METHOD /path", where a path ending {@code /*} matches one more segment. */
  void register(String method, String path, Endpoint endpoint) {
    routes.put(method + " " + path, endpoint);
  }

  void fail(String pathPrefix, int httpStatus, String body, long delayMillis, int times) {
    faults.add(new Fault(pathPrefix, httpStatus, body, delayMillis, times));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    received.add(method + " " + path);
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    try {
      exchange.getResponseHeaders().add("X-Stand-In", "not Zilliz Cloud");
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] raw = exchange.getRequestBody().readAllBytes();
      ObjectNode body = raw.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(raw);
      bodies.add(body);
      for (Fault f : faults) {
        if (path.startsWith(f.pathPrefix) && f.left.getAndDecrement() > 0) {
          sleep(f.delayMillis);
          if (f.httpStatus == 0) {
            break;
          }
          LOG.info("{} injected HTTP {} on {} {}", TAG, f.httpStatus, method, path);
          if (f.body != null) {
            sendRaw(exchange, f.httpStatus, f.body);
          } else {
            send(exchange, f.httpStatus, error(f.httpStatus, "injected fault (stand-in)"));
          }
          return;
        }
      }
      String route = routeKey(method, path);
      Endpoint endpoint = route == null ? null : routes.get(route);
      if (endpoint == null) {
        send(exchange, 404, error(404, "404 page not found"));
        return;
      }
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      if (!auth.startsWith("Bearer ") || !apiKeys.contains(auth.substring(7))) {
        send(exchange, 200, error(1800, "user hasn't authenticated"));
        return;
      }
      if (overRate(route)) {
        rateLimited.incrementAndGet();
        send(exchange, 429, error(429, "Too many requests: rate limit exceeded"));
        return;
      }
      Request request =
          new Request(method, path, query(exchange.getRequestURI().getRawQuery()), body);
      JsonNode data;
      try {
        data = endpoint.handle(request);
      } catch (Refusal r) {
        LOG.info("{} {} {} -> code {}: {}", TAG, method, path, r.code, r.getMessage());
        send(exchange, 200, error(r.code, r.getMessage()));
        return;
      }
      ObjectNode answer = JSON.createObjectNode().put("code", 0);
      answer.set("data", data == null ? JSON.createObjectNode() : data);
      send(exchange, 200, answer);
    } catch (RuntimeException e) {
      LOG.warn("{} {} {} failed", TAG, method, path, e);
      send(exchange, 500, error(500, "stand-in failure: " + e));
    } finally {
      exchange.close();
    }
  }

  /** The registered route of a request ("METHOD /path" or "METHOD /prefix/*"), or null. */
  private String routeKey(String method, String path) {
    String exact = method + " " + path;
    if (routes.containsKey(exact)) {
      return exact;
    }
    int slash = path.lastIndexOf('/');
    String wild = method + " " + path.substring(0, Math.max(0, slash)) + "/*";
    return routes.containsKey(wild) ? wild : null;
  }

  /** 20 requests per second per user per endpoint (here: per route). */
  private boolean overRate(String route) {
    long second = System.currentTimeMillis() / 1000;
    long[] window = windows.computeIfAbsent(route, k -> new long[2]);
    synchronized (window) {
      if (window[0] != second) {
        window[0] = second;
        window[1] = 0;
      }
      return ++window[1] > ratePerSecond;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("code", code).put("message", message);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode answer) throws IOException {
    sendRaw(exchange, status, answer.toString());
  }

  private static void sendRaw(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  List<String> receivedPaths() {
    return new ArrayList<>(received);
  }
}
