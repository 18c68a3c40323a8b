package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.milvusimport.cloud.UploadSettings;
import io.milvusimport.cloud.VolumeCredentials;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The S3 front of a Zilliz Cloud volume, as the temporary credentials of {@code apply} meet it: an
 * HTTPS server on 127.0.0.1 ({@link TestPki}) that issues short-lived credentials ({@link
 * VolumeCredentialIssuer}), verifies every request's SigV4 signature with the issued secret and
 * session token, refuses expired credentials (403 {@code ExpiredToken}) and unknown ones (403
 * {@code InvalidAccessKeyId}), and accepts only PUT object, multipart (create, part, complete,
 * abort) and ListObjectsV2: HEAD and GET answer 403 {@code AccessDenied}, as the real credentials
 * may. With {@link #cloud cloud("gcp")} it wants GCS-style bearer tokens instead (an assumption of
 * the connector, unconfirmed against Zilliz Cloud). Objects land in {@link LocalS3} (its own
 * bucket) under the volume prefix, where the control-plane stand-in reads them. Every request is
 * recorded, so tests assert what arrived.
 */
public final class VolumeObjectStore implements VolumeCredentialIssuer, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalS3 s3;
  private final TestPki pki;
  private final String bucket;
  private final HttpsServer server;
  private final IssuedCredentials issued = new IssuedCredentials();
  private final MultipartUploads uploads = new MultipartUploads();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger applies = new AtomicInteger();
  private final AtomicInteger failPuts = new AtomicInteger();
  private final AtomicInteger dropPuts = new AtomicInteger();
  private final AtomicInteger putsUntilAction = new AtomicInteger();
  private volatile Runnable putAction;
  private volatile int failStatus = 503;
  private volatile String cloud = "aws";
  private volatile Duration life = Duration.ofHours(1);
  private volatile long maxContentLength = 100L << 30;
  private volatile Integer maxFileNumber = 1000;

  private VolumeObjectStore(LocalS3 s3, String bucket, TestPki pki) throws IOException {
    this.s3 = s3;
    this.pki = pki;
    this.bucket = bucket;
    s3.createBucket(bucket);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** A front storing into {@code bucket} of {@code s3}, with a certificate of {@code pki}. */
  public static VolumeObjectStore start(LocalS3 s3, String bucket, TestPki pki) {
    try {
      return new VolumeObjectStore(s3, bucket, pki);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A front on the shared {@link LocalS3} with a throw-away PKI of its own. */
  public static VolumeObjectStore start(String bucket) {
    return start(LocalS3.shared(), bucket, TestPki.create(bucket));
  }

  /** Settings that trust this front's CA, with quick retries (10 ms back-off, 4 attempts). */
  public UploadSettings uploadSettings() {
    try {
      return UploadSettings.defaults()
          .withCaPem(Files.readString(pki.caPem()))
          .withRetries(4, Duration.ofMillis(10));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PEM file of this front's CA (for {@code cloudCaPemPath}, the CLI's {@code --ca-pem}). */
  public Path caPem() {
    return pki.caPem();
  }

  /**
   * Runs {@code action} once, when the {@code n}-th PUT from now arrives and before it is answered
   * (to expire credentials or break the control plane's {@code apply} mid-upload).
   */
  public void beforePut(int n, Runnable action) {
    putsUntilAction.set(n);
    putAction = action;
  }

  /** The TLS context of this front's server (a raw client trusting it must still send creds). */
  public SSLContext serverContext() {
    return pki.serverContext();
  }

  /** A way to apply for {@code volumeName}, as the control plane's {@code apply} answers. */
  public Supplier<VolumeCredentials> applying(String volumeName, String volumePrefix, String path) {
    return () -> VolumeCredentials.fromApply(apply(volumeName, volumePrefix, path), false);
  }

  /** How long credentials issued from now on live. */
  public VolumeObjectStore credentialLife(Duration life) {
    this.life = life;
    return this;
  }

  /** The {@code condition} of later applies; a null file number leaves it out of the answer. */
  public VolumeObjectStore limits(long maxContentLength, Integer maxFileNumber) {
    this.maxContentLength = maxContentLength;
    this.maxFileNumber = maxFileNumber;
    return this;
  }

  /** Answers the next {@code n} PUT requests (objects and parts) with 503 SlowDown. */
  public void failNextPuts(int n) {
    failNextPuts(n, 503);
  }

  /** Answers the next {@code n} PUTs with {@code status} (503 SlowDown, 429, 500 ...). */
  public void failNextPuts(int n, int status) {
    failStatus = status;
    failPuts.set(n);
  }

  /** Closes the connection of the next {@code n} PUT requests without answering. */
  public void dropNextPuts(int n) {
    dropPuts.set(n);
  }

  /**
   * The {@code cloud} later applies answer. With {@code gcp} the front wants the session token as
   * {@code Authorization: Bearer} (GCS's XML API) instead of a SigV4 signature.
   */
  public VolumeObjectStore cloud(String cloud) {
    this.cloud = cloud;
    return this;
  }

  /** Every credential issued so far expires now. */
  public void expireCredentialsNow() {
    long now = System.currentTimeMillis() - 1;
    issued.expireAll(now);
  }

  public String endpoint() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  LocalS3 s3() {
    return s3;
  }

  public String bucket() {
    return bucket;
  }

  /** How many {@code apply} answers were issued. */
  public int applies() {
    return applies.get();
  }

  /** Requests received, as {@code METHOD /path[?query] -> status}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Requests received with the given method. */
  public long count(String method) {
    return requests.stream().filter(r -> r.startsWith(method + " ")).count();
  }

  @Override
  public ObjectNode apply(String volumeName, String volumePrefix, String path) {
    applies.incrementAndGet();
    String ak = "VOLAK" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    String sk = UUID.randomUUID().toString() + UUID.randomUUID();
    String token = "token-" + UUID.randomUUID();
    long expires = System.currentTimeMillis() + life.toMillis();
    issued.add(ak, sk, token, volumePrefix, expires);
    ObjectNode data = JSON.createObjectNode();
    data.put("endpoint", endpoint());
    data.put("cloud", cloud);
    data.put("region", IssuedCredentials.REGION);
    data.put("bucketName", bucket);
    data.put("uploadPath", volumePrefix + path);
    ObjectNode credentials = data.putObject("credentials");
    credentials.put("tmpAK", ak);
    credentials.put("tmpSK", sk);
    credentials.put("sessionToken", token);
    credentials.put("expireTime", Instant.ofEpochMilli(expires).toString());
    ObjectNode condition = data.putObject("condition");
    condition.put("maxContentLength", maxContentLength);
    if (maxFileNumber != null) {
      condition.put("maxFileNumber", maxFileNumber);
    }
    data.put("volumeName", volumeName);
    data.put("volumePrefix", volumePrefix);
    return data;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String line =
        method
            + " "
            + exchange.getRequestURI().getRawPath()
            + (rawQuery == null ? "" : "?" + rawQuery);
    int status;
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (method.equals("PUT") && putsUntilAction.getAndUpdate(n -> Math.max(0, n - 1)) == 1) {
        putAction.run();
      }
      if (method.equals("PUT") && dropPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        requests.add(line + " -> dropped");
        // The server closes the connection of a handler that throws, without an answer.
        throw new IOException("volume front: connection dropped on purpose");
      }
      status = answer(exchange, method, body);
    } catch (RuntimeException e) {
      status = 500;
      reply(exchange, 500, error("InternalError", e.toString()));
    }
    requests.add(line + " -> " + status);
  }

  private int answer(HttpExchange exchange, String method, byte[] body) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String[] parts = path.substring(1).split("/", 2);
    String key = parts.length > 1 ? parts[1] : "";
    IssuedCredentials.Issued creds;
    String refusal =
        issued.authenticate(exchange, cloud.equals("gcp"), method, parts[0], key, query, body);
    if (refusal != null) {
      return reply(exchange, 403, refusal);
    }
    creds = issued.issuedTo(exchange);
    if (!parts[0].equals(bucket)) {
      return reply(exchange, 403, error("AccessDenied", "Access Denied"));
    }
    if (method.equals("GET") && key.isEmpty() && "2".equals(query.get("list-type"))) {
      return list(exchange, query.getOrDefault("prefix", ""), creds);
    }
    if (!key.startsWith(creds.volumePrefix)) {
      return reply(exchange, 403, error("AccessDenied", "Access Denied"));
    }
    switch (method) {
      case "PUT":
        if (failPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          int status = failStatus;
          return reply(
              exchange,
              status,
              status == 503
                  ? error("SlowDown", "Please reduce your request rate.")
                  : error(status == 429 ? "TooManyRequests" : "InternalError", "try again"));
        }
        if (query.containsKey("partNumber")) {
          return putPart(exchange, key, query, body);
        }
        s3.put(bucket, key, body);
        exchange.getResponseHeaders().add("ETag", MultipartUploads.etag(body));
        return reply(exchange, 200, "");
      case "POST":
        if (query.containsKey("uploads")) {
          String id = uploads.start(key);
          return reply(
              exchange,
              200,
              "<InitiateMultipartUploadResult><Bucket>"
                  + bucket
                  + "</Bucket><Key>"
                  + key
                  + "</Key><UploadId>"
                  + id
                  + "</UploadId></InitiateMultipartUploadResult>");
        }
        if (query.containsKey("uploadId")) {
          return complete(exchange, key, query.get("uploadId"), body);
        }
        break;
      case "DELETE":
        if (query.containsKey("uploadId")) {
          uploads.abort(query.get("uploadId"), key);
          return reply(exchange, 204, "");
        }
        break;
      default:
        break;
    }
    // HEAD, GET of an object, DELETE of an object, anything else: what PUT-only credentials get.
    return reply(
        exchange, 403, method.equals("HEAD") ? "" : error("AccessDenied", "Access Denied"));
  }

  private int putPart(HttpExchange exchange, String key, Map<String, String> query, byte[] body)
      throws IOException {
    String etag =
        uploads.part(query.get("uploadId"), key, Integer.parseInt(query.get("partNumber")), body);
    if (etag == null) {
      return reply(exchange, 404, error("NoSuchUpload", "The specified upload does not exist."));
    }
    exchange.getResponseHeaders().add("ETag", etag);
    return reply(exchange, 200, "");
  }

  private int complete(HttpExchange exchange, String key, String uploadId, byte[] body)
      throws IOException {
    byte[] object;
    try {
      object = uploads.complete(uploadId, key, body);
    } catch (MultipartUploads.Refused refused) {
      return reply(exchange, refused.status, error(refused.code, refused.getMessage()));
    }
    s3.put(bucket, key, object);
    return reply(
        exchange,
        200,
        "<CompleteMultipartUploadResult><Key>" + key + "</Key></CompleteMultipartUploadResult>");
  }

  private int list(HttpExchange exchange, String prefix, IssuedCredentials.Issued creds)
      throws IOException {
    if (!prefix.startsWith(creds.volumePrefix)) {
      return reply(exchange, 403, error("AccessDenied", "Access Denied"));
    }
    StringBuilder xml = new StringBuilder("<ListBucketResult><Name>" + bucket + "</Name>");
    for (String key : s3.listKeys(bucket, prefix)) {
      xml.append("<Contents><Key>").append(key).append("</Key></Contents>");
    }
    return reply(exchange, 200, xml.append("</ListBucketResult>").toString());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return query;
  }

  static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error>";
  }

  private static int reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (exchange.getRequestMethod().equals("HEAD") || bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
    return status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
