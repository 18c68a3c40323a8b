package io.milvusimport.testkit.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.cloud.SigV4;
import io.milvusimport.cloud.VolumeCredentials;
import io.milvusimport.testkit.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The volume front refuses what the real volume credentials may not do, and checks signatures. */
@Tag("e2e")
class VolumeObjectStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static VolumeObjectStore store;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    store = VolumeObjectStore.start("zilliz-front");
    http =
        HttpClient.newBuilder()
            .sslContext(store.serverContext())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  /** Sends a request signed with {@code creds} (or a wrong secret); returns "status code". */
  private static String send(
      VolumeCredentials creds, String method, String path, Map<String, String> query, String secret)
      throws Exception {
    VolumeCredentials signer = secret.equals(creds.secretKey()) ? creds : withSecret(creds, secret);
    Map<String, String> headers =
        SigV4.headers(
            method, path, query, SigV4.UNSIGNED_PAYLOAD, signer, ZonedDateTime.now(ZoneOffset.UTC));
    StringBuilder q = new StringBuilder();
    query.forEach(
        (k, v) ->
            q.append(q.length() == 0 ? "?" : "&")
                .append(SigV4.encode(k, true))
                .append('=')
                .append(SigV4.encode(v, true)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://" + creds.endpoint() + path + q))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String body = answer.body();
    int code = body.indexOf("<Code>");
    return answer.statusCode()
        + (code < 0 ? "" : " " + body.substring(code + 6, body.indexOf("</Code>")));
  }

  /** The same credentials with another secret (a request whose signature cannot match). */
  private static VolumeCredentials withSecret(VolumeCredentials creds, String secret) {
    ObjectNode data = JSON.createObjectNode();
    data.put("endpoint", creds.endpoint());
    data.put("region", creds.region());
    ObjectNode c = data.putObject("credentials");
    c.put("tmpAK", creds.accessKey());
    c.put("tmpSK", secret);
    c.put("sessionToken", creds.sessionToken());
    return VolumeCredentials.fromApply(data, false);
  }

  private static VolumeCredentials apply(String prefix) {
    return store.applying("v1", prefix, "").get();
  }

  @Test
  void signedHeadAndGetAreRefusedWhileListWorks() throws Exception {
    String prefix = "org/v-" + System.nanoTime() + "/";
    LocalS3.shared().put(store.bucket(), prefix + "a.json", new byte[] {1});
    VolumeCredentials creds = apply(prefix);
    String object = SigV4.encodePath(store.bucket(), prefix + "a.json");

    assertThat(send(creds, "GET", object, Map.of(), creds.secretKey()))
        .isEqualTo("403 AccessDenied");
    assertThat(send(creds, "HEAD", object, Map.of(), creds.secretKey())).isEqualTo("403");
    assertThat(
            send(
                creds,
                "GET",
                "/" + store.bucket(),
                Map.of("list-type", "2", "prefix", prefix),
                creds.secretKey()))
        .isEqualTo("200");
    assertThat(store.requests())
        .anyMatch(r -> r.startsWith("GET /" + store.bucket() + "?") && r.endsWith("200"));
  }

  @Test
  void wrongSignaturesUnknownKeysAndExpiredCredentialsAreRefused() throws Exception {
    String prefix = "org/v-" + System.nanoTime() + "/";
    VolumeCredentials creds = apply(prefix);
    String path = "/" + store.bucket();
    Map<String, String> list = Map.of("list-type", "2", "prefix", prefix);

    assertThat(send(creds, "GET", path, list, "not-the-secret"))
        .isEqualTo("403 SignatureDoesNotMatch");
    assertThat(send(creds, "GET", path, Map.of("list-type", "2"), creds.secretKey()))
        .as("a listing outside the volume prefix")
        .isEqualTo("403 AccessDenied");
    store.expireCredentialsNow();
    assertThat(send(creds, "GET", path, list, creds.secretKey())).isEqualTo("403 ExpiredToken");
    ObjectNode data = store.apply("v1", prefix, "");
    ((ObjectNode) data.get("credentials")).put("tmpAK", "AKNEVERISSUED");
    VolumeCredentials unknown = VolumeCredentials.fromApply(data, false);
    assertThat(send(unknown, "GET", path, list, "x")).isEqualTo("403 InvalidAccessKeyId");
  }
}
