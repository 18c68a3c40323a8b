package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.milvusimport.cloud.SigV4;
import io.milvusimport.cloud.UploadSettings;
import io.milvusimport.cloud.VolumeCredentials;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request,"
              + " ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
  private static final Pattern PART =
      Pattern.compile("<PartNumber>(\\d+)</PartNumber><ETag>([^<]+)</ETag>");
  private static final long MIN_PART = 5L << 20;

  /** One issued credential set. */
  private static final class Issued {
    final String secret;
    final String token;
    final String volumePrefix;
    volatile long expiresMillis;

    Issued(String secret, String token, String volumePrefix, long expiresMillis) {
      this.secret = secret;
      this.token = token;
      this.volumePrefix = volumePrefix;
      this.expiresMillis = expiresMillis;
    }
  }

  private final LocalS3 s3;
  private final TestPki pki;
  private final String bucket;
  private final String region = "us-east-1";
  private final HttpsServer server;
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final Map<String, TreeMap<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger applies = new AtomicInteger();
  private final AtomicInteger failPuts = new AtomicInteger();
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
    issued.values().forEach(i -> i.expiresMillis = now);
  }

  public String endpoint() {
    return "127.0.0.1:" + server.getAddress().getPort();
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
    issued.put(ak, new Issued(sk, token, volumePrefix, expires));
    ObjectNode data = JSON.createObjectNode();
    data.put("endpoint", endpoint());
    data.put("cloud", cloud);
    data.put("region", region);
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
    Issued creds;
    String refusal = authenticate(exchange, method, parts[0], key, query, body);
    if (refusal != null) {
      return reply(exchange, 403, refusal);
    }
    creds = issuedTo(exchange);
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
        exchange.getResponseHeaders().add("ETag", etag(body));
        return reply(exchange, 200, "");
      case "POST":
        if (query.containsKey("uploads")) {
          String id = UUID.randomUUID().toString();
          uploads.put(id + "\n" + key, new TreeMap<>());
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
          uploads.remove(query.get("uploadId") + "\n" + key);
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
    TreeMap<Integer, byte[]> upload = uploads.get(query.get("uploadId") + "\n" + key);
    if (upload == null) {
      return reply(exchange, 404, error("NoSuchUpload", "The specified upload does not exist."));
    }
    upload.put(Integer.parseInt(query.get("partNumber")), body);
    exchange.getResponseHeaders().add("ETag", etag(body));
    return reply(exchange, 200, "");
  }

  private int complete(HttpExchange exchange, String key, String uploadId, byte[] body)
      throws IOException {
    TreeMap<Integer, byte[]> upload = uploads.remove(uploadId + "\n" + key);
    if (upload == null) {
      return reply(exchange, 404, error("NoSuchUpload", "The specified upload does not exist."));
    }
    Matcher m = PART.matcher(new String(body, StandardCharsets.UTF_8).replace("&quot;", "\""));
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    List<Integer> numbers = new ArrayList<>();
    while (m.find()) {
      int number = Integer.parseInt(m.group(1));
      byte[] part = upload.get(number);
      if (part == null || !etag(part).equals(m.group(2))) {
        return reply(exchange, 400, error("InvalidPart", "part " + number));
      }
      numbers.add(number);
      object.writeBytes(part);
    }
    for (int i = 0; i < numbers.size() - 1; i++) {
      if (upload.get(numbers.get(i)).length < MIN_PART) {
        return reply(exchange, 400, error("EntityTooSmall", "part " + numbers.get(i)));
      }
    }
    s3.put(bucket, key, object.toByteArray());
    return reply(
        exchange,
        200,
        "<CompleteMultipartUploadResult><Key>" + key + "</Key></CompleteMultipartUploadResult>");
  }

  private int list(HttpExchange exchange, String prefix, Issued creds) throws IOException {
    if (!prefix.startsWith(creds.volumePrefix)) {
      return reply(exchange, 403, error("AccessDenied", "Access Denied"));
    }
    StringBuilder xml = new StringBuilder("<ListBucketResult><Name>" + bucket + "</Name>");
    for (String key : s3.listKeys(bucket, prefix)) {
      xml.append("<Contents><Key>").append(key).append("</Key></Contents>");
    }
    return reply(exchange, 200, xml.append("</ListBucketResult>").toString());
  }

  /** The credentials a request authenticated with (after {@link #authenticate} accepted it). */
  private Issued issuedTo(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth.startsWith("Bearer ")) {
      return bearer(auth.substring("Bearer ".length()));
    }
    Matcher m = AUTH.matcher(auth);
    return m.matches() ? issued.get(m.group(1)) : null;
  }

  private Issued bearer(String token) {
    return issued.values().stream().filter(i -> i.token.equals(token)).findFirst().orElse(null);
  }

  /** Null when the request is signed with live issued credentials; else the error body. */
  private String authenticate(
      HttpExchange exchange,
      String method,
      String bucketName,
      String key,
      Map<String, String> query,
      byte[] body) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ") && cloud.equals("gcp")) {
      Issued creds = bearer(auth.substring("Bearer ".length()));
      if (creds == null) {
        return error("AuthenticationRequired", "Invalid Credentials");
      }
      return System.currentTimeMillis() >= creds.expiresMillis
          ? error("ExpiredToken", "The provided token has expired.")
          : null;
    }
    if (cloud.equals("gcp")) {
      return error("AuthenticationRequired", "this gcp front takes OAuth bearer tokens only");
    }
    Matcher m = auth == null ? null : AUTH.matcher(auth);
    if (m == null || !m.matches()) {
      return error("AccessDenied", "Anonymous access is forbidden");
    }
    Issued creds = issued.get(m.group(1));
    if (creds == null) {
      return error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist");
    }
    if (System.currentTimeMillis() >= creds.expiresMillis) {
      return error("ExpiredToken", "The provided token has expired.");
    }
    if (!creds.token.equals(exchange.getRequestHeaders().getFirst("x-amz-security-token"))) {
      return error("InvalidToken", "The provided token is malformed or otherwise invalid.");
    }
    if (!m.group(3).equals(region)) {
      return error("AuthorizationHeaderMalformed", "the region '" + m.group(3) + "' is wrong");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : m.group(4).split(";")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value == null) {
        return error("SignatureDoesNotMatch", "signed header " + name + " is missing");
      }
      headers.put(name, value);
    }
    String payload = headers.getOrDefault("x-amz-content-sha256", "");
    if (!payload.equals(SigV4.UNSIGNED_PAYLOAD) && !payload.equals(SigV4.sha256Hex(body))) {
      return error("XAmzContentSHA256Mismatch", "payload hash mismatch");
    }
    String canonicalPath =
        key.isEmpty() ? "/" + SigV4.encode(bucketName, true) : SigV4.encodePath(bucketName, key);
    String expected =
        SigV4.authorization(
            method, canonicalPath, query, headers, payload, m.group(1), creds.secret, region);
    if (!expected.equals(auth.replace(", ", ",").replace(",", ", "))) {
      return error("SignatureDoesNotMatch", "The request signature we calculated does not match");
    }
    return null;
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

  private static String etag(byte[] data) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(data);
      StringBuilder hex = new StringBuilder("\"");
      for (byte b : md5) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.append('"').toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String error(String code, String message) {
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
