package io.milvusimport.testkit.cloud;

import com.sun.net.httpserver.HttpExchange;
import io.milvusimport.cloud.SigV4;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials a {@link VolumeObjectStore} issued, and the check of a request against them: the
 * SigV4 signature recomputed with the issued secret (and the body hash when one is signed), the
 * session token, the region and the expiry; or, for a {@code gcp} front, the session token as an
 * OAuth bearer token.
 */
final class IssuedCredentials {
  static final String REGION = "us-east-1";

  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request,"
              + " ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

  /** One issued credential set. */
  static final class Issued {
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

  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  void add(String accessKey, String secret, String token, String volumePrefix, long expires) {
    issued.put(accessKey, new Issued(secret, token, volumePrefix, expires));
  }

  void expireAll(long now) {
    issued.values().forEach(i -> i.expiresMillis = now);
  }

  /** The credentials a request authenticated with (after {@link #authenticate} accepted it). */
  Issued issuedTo(HttpExchange exchange) {
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
  String authenticate(
      HttpExchange exchange,
      boolean gcp,
      String method,
      String bucketName,
      String key,
      Map<String, String> query,
      byte[] body) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ") && gcp) {
      Issued creds = bearer(auth.substring("Bearer ".length()));
      if (creds == null) {
        return VolumeObjectStore.error("AuthenticationRequired", "Invalid Credentials");
      }
      return System.currentTimeMillis() >= creds.expiresMillis
          ? VolumeObjectStore.error("ExpiredToken", "The provided token has expired.")
          : null;
    }
    if (gcp) {
      return VolumeObjectStore.error(
          "AuthenticationRequired", "this gcp front takes OAuth bearer tokens only");
    }
    Matcher m = auth == null ? null : AUTH.matcher(auth);
    if (m == null || !m.matches()) {
      return VolumeObjectStore.error("AccessDenied", "Anonymous access is forbidden");
    }
    Issued creds = issued.get(m.group(1));
    if (creds == null) {
      return VolumeObjectStore.error(
          "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist");
    }
    if (System.currentTimeMillis() >= creds.expiresMillis) {
      return VolumeObjectStore.error("ExpiredToken", "The provided token has expired.");
    }
    if (!creds.token.equals(exchange.getRequestHeaders().getFirst("x-amz-security-token"))) {
      return VolumeObjectStore.error(
          "InvalidToken", "The provided token is malformed or otherwise invalid.");
    }
    if (!m.group(3).equals(REGION)) {
      return VolumeObjectStore.error(
          "AuthorizationHeaderMalformed", "the REGION '" + m.group(3) + "' is wrong");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : m.group(4).split(";")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value == null) {
        return VolumeObjectStore.error(
            "SignatureDoesNotMatch", "signed header " + name + " is missing");
      }
      headers.put(name, value);
    }
    String payload = headers.getOrDefault("x-amz-content-sha256", "");
    if (!payload.equals(SigV4.UNSIGNED_PAYLOAD) && !payload.equals(SigV4.sha256Hex(body))) {
      return VolumeObjectStore.error("XAmzContentSHA256Mismatch", "payload hash mismatch");
    }
    String canonicalPath =
        key.isEmpty() ? "/" + SigV4.encode(bucketName, true) : SigV4.encodePath(bucketName, key);
    String expected =
        SigV4.authorization(
            method, canonicalPath, query, headers, payload, m.group(1), creds.secret, REGION);
    if (!expected.equals(auth.replace(", ", ",").replace(",", ", "))) {
      return VolumeObjectStore.error(
          "SignatureDoesNotMatch", "The request signature we calculated does not match");
    }
    return null;
  }
}
