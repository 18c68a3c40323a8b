package io.milvusimport.cloud;

import io.milvusimport.VolumeUploadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of an upload into a volume's object store, one each, over {@code java.net.http}:
 * PutObject and multipart (create, part, complete, abort), path-style {@code
 * https://endpoint/bucket/key}. It never sends HEAD, GET or a listing: the temporary credentials of
 * a volume may allow PUT only. {@code aws} requests are signed with {@link SigV4}; on {@code gcp}
 * the session token goes as an OAuth bearer token (the GCS XML API; unconfirmed against the live
 * service). Retries and credential refresh are the {@link VolumeUploader}'s job.
 */
public final class VolumeObjectClient {
  private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
  private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private final HttpClient http;
  private final Duration timeout;

  /**
   * One HTTP client per trust setting and JVM: each task of a write builds an uploader, and a
   * client holds a selector thread and a connection pool best shared.
   */
  private static final ConcurrentMap<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  public VolumeObjectClient(UploadSettings settings) {
    String pem = settings.caPem() == null ? "" : settings.caPem();
    this.http = CLIENTS.computeIfAbsent(pem, VolumeObjectClient::newClient);
    this.timeout = Duration.ofMillis(settings.requestTimeoutMillis());
  }

  private static HttpClient newClient(String caPem) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30));
    if (!caPem.isEmpty()) {
      builder.sslContext(CloudTrust.context(caPem));
    }
    return builder.build();
  }

  /** PutObject of a whole file. */
  void putObject(VolumeCredentials creds, String key, Path file, long size) throws IOException {
    send(creds, "PUT", key, Map.of(), FileSlices.body(file, 0, size), SigV4.UNSIGNED_PAYLOAD, key);
  }

  /** Starts a multipart upload; returns its upload id. */
  String createMultipart(VolumeCredentials creds, String key) throws IOException {
    String body = send(creds, "POST", key, Map.of("uploads", ""), bytes(new byte[0]), null, key);
    Matcher m = UPLOAD_ID.matcher(body);
    if (!m.find()) {
      throw new ObjectStoreException(
          "the object store started a multipart upload of " + key + " without an UploadId",
          200,
          "",
          null);
    }
    return m.group(1);
  }

  /** Uploads part {@code number} (from 1) read from {@code file}; returns its ETag. */
  String uploadPart(
      VolumeCredentials creds,
      String key,
      String uploadId,
      int number,
      Path file,
      long offset,
      long length)
      throws IOException {
    Map<String, String> query =
        Map.of("partNumber", Integer.toString(number), "uploadId", uploadId);
    String[] etag = new String[1];
    send(
        creds,
        "PUT",
        key,
        query,
        FileSlices.body(file, offset, length),
        SigV4.UNSIGNED_PAYLOAD,
        key,
        etag);
    if (etag[0] == null) {
      throw new ObjectStoreException(
          "the object store took part " + number + " of " + key + " without an ETag",
          200,
          "",
          null);
    }
    return etag[0];
  }

  /** Completes a multipart upload from its parts' ETags, in order. */
  void completeMultipart(VolumeCredentials creds, String key, String uploadId, List<String> etags)
      throws IOException {
    StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
    for (int i = 0; i < etags.size(); i++) {
      xml.append("<Part><PartNumber>")
          .append(i + 1)
          .append("</PartNumber><ETag>")
          .append(etags.get(i).replace("&", "&amp;").replace("\"", "&quot;"))
          .append("</ETag></Part>");
    }
    byte[] body =
        xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
    String answer = send(creds, "POST", key, Map.of("uploadId", uploadId), bytes(body), body, key);
    // S3 may answer 200 and put the error in the body of a complete.
    if (answer.contains("<Error>")) {
      throw failure("POST", key, 200, answer, null);
    }
  }

  /** Aborts a multipart upload, so its parts stop taking space. */
  void abortMultipart(VolumeCredentials creds, String key, String uploadId) throws IOException {
    send(creds, "DELETE", key, Map.of("uploadId", uploadId), bytes(new byte[0]), null, key);
  }

  private String send(
      VolumeCredentials creds,
      String method,
      String key,
      Map<String, String> query,
      HttpRequest.BodyPublisher body,
      Object payload,
      String what)
      throws IOException {
    return send(creds, method, key, query, body, payload, what, null);
  }

  /**
   * Sends one request; returns the answer's body (2xx) or throws an {@link ObjectStoreException}.
   *
   * @param payload the body's bytes to hash, {@link SigV4#UNSIGNED_PAYLOAD}, or null for none
   */
  private String send(
      VolumeCredentials creds,
      String method,
      String key,
      Map<String, String> query,
      HttpRequest.BodyPublisher body,
      Object payload,
      String what,
      String[] etag)
      throws IOException {
    String path = SigV4.encodePath(creds.bucketName(), key);
    URI uri = URI.create("https://" + creds.endpoint() + path + queryString(query));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
    authorize(request, creds, method, path, query, payload);
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while uploading " + what);
    } catch (IOException e) {
      throw new ObjectStoreException(
          method + " " + what + " got no answer from " + creds.endpoint() + ": " + e, 0, "", e);
    }
    String text;
    try (InputStream in = response.body()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (response.statusCode() / 100 != 2) {
      throw failure(method, what, response.statusCode(), text, null);
    }
    if (etag != null) {
      etag[0] = response.headers().firstValue("ETag").orElse(null);
    }
    return text;
  }

  private static void authorize(
      HttpRequest.Builder request,
      VolumeCredentials creds,
      String method,
      String path,
      Map<String, String> query,
      Object payload) {
    String cloud = creds.cloud().toLowerCase(Locale.ROOT);
    switch (cloud) {
      case "aws":
      case "":
        break;
      case "gcp":
        // GCS XML API: the session token is an OAuth 2 access token (unconfirmed).
        request.header("Authorization", "Bearer " + creds.sessionToken());
        return;
      case "ali":
      case "tc":
        throw new VolumeUploadException(
            "Uploads into volumes on cloud '"
                + cloud
                + "' ("
                + ("ali".equals(cloud) ? "Alibaba Cloud" : "Tencent Cloud")
                + ") are not supported yet: volume "
                + creds.volumeName()
                + " cannot take uploads from this connector.");
      default:
        throw new VolumeUploadException(
            "apply answered an unknown cloud '" + cloud + "' for volume " + creds.volumeName());
    }
    String payloadHash =
        payload instanceof byte[]
            ? SigV4.sha256Hex((byte[]) payload)
            : payload == null ? SigV4.sha256Hex(new byte[0]) : SigV4.UNSIGNED_PAYLOAD;
    SigV4.headers(method, path, query, payloadHash, creds, ZonedDateTime.now(ZoneOffset.UTC))
        .forEach(request::header);
  }

  private static ObjectStoreException failure(
      String method, String what, int status, String body, Throwable cause) {
    Matcher code = CODE.matcher(body);
    Matcher message = MESSAGE.matcher(body);
    String c = code.find() ? code.group(1) : "";
    String m = message.find() ? message.group(1) : "";
    return new ObjectStoreException(
        method
            + " "
            + what
            + " was refused with HTTP "
            + status
            + (c.isEmpty() ? "" : " " + c)
            + (m.isEmpty() ? "" : ": " + m),
        status,
        c,
        cause);
  }

  private static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner q = new StringJoiner("&", "?", "");
    query.forEach(
        (k, v) ->
            q.add(
                v.isEmpty()
                    ? SigV4.encode(k, true)
                    : SigV4.encode(k, true) + "=" + SigV4.encode(v, true)));
    return q.toString();
  }

  private static HttpRequest.BodyPublisher bytes(byte[] body) {
    return HttpRequest.BodyPublishers.ofByteArray(body);
  }
}
