package io.milvusimport.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 that fails on chosen requests: a small HTTP proxy on 127.0.0.1 in front of {@link LocalS3}
 * that passes every exchange through byte for byte, except requests matching a rule (method and
 * {@code bucket/key} pattern), which it answers with an S3 error (503 SlowDown, 500 InternalError)
 * or by dropping the connection, a given number of times or until cleared.
 *
 * <p>Spark reaches it as the bucket {@value #BUCKET}: {@link SparkTestSession} points S3A's
 * per-bucket endpoint for that bucket here (and lowers S3A's own retries for it, so a fault reaches
 * the connector in milliseconds), while every other bucket goes to S3Proxy directly. The Milvus
 * stand-in reads the bucket from S3Proxy itself, as Milvus reads its bucket without our proxy.
 */
public final class FaultyS3 implements AutoCloseable {
  /** The bucket whose S3A traffic goes through the shared proxy. */
  public static final String BUCKET = "faulty-bucket";

  private static final Logger LOG = LoggerFactory.getLogger(FaultyS3.class);
  private static FaultyS3 shared;

  private final ServerSocket server;
  private final Supplier<String> upstream;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "faulty-s3");
            t.setDaemon(true);
            return t;
          });
  private final List<Rule> rules = new ArrayList<>();
  private final List<String> injected = new ArrayList<>();

  /** One way of failing: which requests, how often, and how. */
  private static final class Rule {
    final String method;
    final Pattern key;
    final int status;
    int skip;
    int times;

    Rule(String method, Pattern key, int skip, int times, int status) {
      this.method = method;
      this.key = key;
      this.skip = skip;
      this.times = times;
      this.status = status;
    }
  }

  private FaultyS3(Supplier<String> upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "faulty-s3-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy in front of {@code s3}. */
  public static FaultyS3 start(LocalS3 s3) {
    try {
      return new FaultyS3(s3::endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the faulty S3 proxy", e);
    }
  }

  /**
   * One proxy per JVM in front of {@link LocalS3#shared()} (which it follows if that restarts),
   * with the bucket {@value #BUCKET} created.
   */
  public static synchronized FaultyS3 shared() {
    if (shared == null) {
      try {
        shared = new FaultyS3(() -> LocalS3.shared().endpoint());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the faulty S3 proxy", e);
      }
    }
    LocalS3.shared().createBucket(BUCKET);
    return shared;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * S3A settings (without {@code spark.hadoop.}) that send {@code bucket}'s traffic here and let a
   * fault through after one quick retry instead of S3A's default minutes of back-off.
   */
  public Map<String, String> hadoopOptions(String bucket) {
    String prefix = "fs.s3a.bucket." + bucket + ".";
    Map<String, String> m = new LinkedHashMap<>();
    m.put(prefix + "endpoint", endpoint());
    m.put(prefix + "attempts.maximum", "0");
    m.put(prefix + "retry.limit", "1");
    m.put(prefix + "retry.interval", "10ms");
    m.put(prefix + "retry.throttle.limit", "1");
    m.put(prefix + "retry.throttle.interval", "10ms");
    return m;
  }

  /**
   * Fails requests with {@code method} ({@code "*"} for any) whose {@code bucket/key} (for a
   * listing {@code bucket/?prefix=p}) matches {@code keyRegex}: lets the first {@code skip} matches
   * through, then fails {@code times} of them ({@code -1}: until {@link #clear()}), answering
   * {@code status} (503 SlowDown, 500 InternalError) or, with status 0, dropping the connection
   * without an answer.
   */
  public synchronized FaultyS3 fail(
      String method, String keyRegex, int skip, int times, int status) {
    rules.add(new Rule(method, Pattern.compile(keyRegex), skip, times, status));
    return this;
  }

  /** Every request to keys matching {@code keyRegex} fails with 503 until {@link #clear()}. */
  public FaultyS3 outage(String keyRegex) {
    return fail("*", keyRegex, 0, -1, 503);
  }

  /** Removes every rule; requests pass through again. */
  public synchronized void clear() {
    rules.clear();
  }

  /** Removes every rule and forgets the requests failed so far (between tests). */
  public synchronized void reset() {
    rules.clear();
    injected.clear();
  }

  /** The requests failed so far, as {@code "METHOD bucket/key -> status"}, oldest first. */
  public synchronized List<String> injected() {
    return new ArrayList<>(injected);
  }

  private synchronized Rule take(String method, String key) {
    for (Rule rule : rules) {
      if ((rule.method.equals("*") || rule.method.equals(method))
          && rule.key.matcher(key).matches()
          && rule.times != 0) {
        if (rule.skip > 0) {
          rule.skip--;
          return null;
        }
        if (rule.times > 0) {
          rule.times--;
        }
        injected.add(method + " " + key + " -> " + (rule.status == 0 ? "dropped" : rule.status));
        return rule;
      }
    }
    return null;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("faulty S3 proxy: accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket client) {
    URI target = URI.create(upstream.get());
    try (client;
        Socket up = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
      InputStream clientIn = new BufferedInputStream(client.getInputStream());
      OutputStream clientOut = client.getOutputStream();
      InputStream upIn = new BufferedInputStream(up.getInputStream());
      OutputStream upOut = up.getOutputStream();
      while (true) {
        HttpExchangeCopier.Head request = HttpExchangeCopier.readHead(clientIn);
        if (request == null) {
          return;
        }
        String key = target(request);
        Rule rule = take(request.method(), key);
        if (rule != null) {
          inject(rule, request, key, clientIn, clientOut);
          return;
        }
        if (!forward(request, clientIn, clientOut, upIn, upOut)) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("faulty S3 proxy: connection ended: {}", e.toString());
    }
  }

  /** {@code bucket/key}, plus {@code ?prefix=p} for a listing with a prefix. */
  private static String target(HttpExchangeCopier.Head request) {
    String key = URLDecoder.decode(request.path(), StandardCharsets.UTF_8).replaceFirst("^/", "");
    for (String param : request.query().split("&")) {
      if (param.startsWith("prefix=")) {
        return key
            + "?prefix="
            + URLDecoder.decode(param.substring("prefix=".length()), StandardCharsets.UTF_8);
      }
    }
    return key;
  }

  /** Passes one exchange through; false when the connection cannot carry another. */
  private static boolean forward(
      HttpExchangeCopier.Head request,
      InputStream clientIn,
      OutputStream clientOut,
      InputStream upIn,
      OutputStream upOut)
      throws IOException {
    upOut.write(request.raw);
    upOut.flush();
    if (request.expectsContinue()) {
      HttpExchangeCopier.Head interim = HttpExchangeCopier.readHead(upIn);
      if (interim == null) {
        return false;
      }
      clientOut.write(interim.raw);
      clientOut.flush();
      if (interim.status() != 100) {
        HttpExchangeCopier.copyResponseBody(request.method(), interim, upIn, clientOut);
        clientOut.flush();
        return false; // the body was never sent; do not reuse the connection
      }
    }
    HttpExchangeCopier.copyRequestBody(request, clientIn, upOut);
    upOut.flush();
    HttpExchangeCopier.Head response = HttpExchangeCopier.readHead(upIn);
    while (response != null && response.status() == 100) {
      clientOut.write(response.raw);
      response = HttpExchangeCopier.readHead(upIn);
    }
    if (response == null) {
      return false;
    }
    clientOut.write(response.raw);
    boolean untilClose =
        HttpExchangeCopier.copyResponseBody(request.method(), response, upIn, clientOut);
    clientOut.flush();
    return !untilClose && !response.closes() && !request.closes();
  }

  private static void inject(
      Rule rule,
      HttpExchangeCopier.Head request,
      String key,
      InputStream clientIn,
      OutputStream clientOut)
      throws IOException {
    LOG.info(
        "faulty S3 proxy: {} {} -> {} (injected)",
        request.method(),
        key,
        rule.status == 0 ? "connection dropped" : rule.status);
    if (rule.status == 0) {
      return; // closing the socket without an answer
    }
    if (!request.expectsContinue()) {
      HttpExchangeCopier.copyRequestBody(request, clientIn, null);
    }
    String code = rule.status == 503 ? "SlowDown" : "InternalError";
    String reason = rule.status == 503 ? "Service Unavailable" : "Internal Server Error";
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>injected by the faulty S3 proxy</Message>"
                + "<RequestId>faulty-s3</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    boolean head = "HEAD".equals(request.method());
    String response =
        "HTTP/1.1 "
            + rule.status
            + " "
            + reason
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + (head ? 0 : body.length)
            + "\r\nConnection: close\r\n\r\n";
    clientOut.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      clientOut.write(body);
    }
    clientOut.flush();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the faulty S3 proxy: {}", e.toString());
    }
    connections.shutdownNow();
    synchronized (FaultyS3.class) {
      if (shared == this) {
        shared = null;
      }
    }
  }
}
