package io.milvusimport.cloud;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests, written out here because the connector's main code must
 * not depend on an AWS SDK (each Spark line ships its own, in different versions). It covers what a
 * volume upload sends: path-style requests, query parameters, a hashed payload or {@code
 * UNSIGNED-PAYLOAD} (allowed over HTTPS), and the session token of temporary credentials.
 */
public final class SigV4 {
  /** The payload hash S3 accepts over HTTPS when the body is not hashed. */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SigV4() {}

  /** {@code x-amz-date} of an instant: {@code yyyyMMdd'T'HHmmss'Z'}. */
  public static String amzDate(ZonedDateTime time) {
    return AMZ_DATE.format(time);
  }

  /**
   * The headers that sign a request with a volume's credentials: {@code x-amz-content-sha256},
   * {@code x-amz-date}, {@code x-amz-security-token} (when there is a session token) and {@code
   * Authorization}; the {@code host} signed is the credentials' endpoint, which the HTTP client
   * sends itself.
   */
  public static Map<String, String> headers(
      String method,
      String canonicalPath,
      Map<String, String> query,
      String payloadHash,
      VolumeCredentials creds,
      ZonedDateTime now) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", creds.endpoint());
    headers.put("x-amz-content-sha256", payloadHash);
    headers.put("x-amz-date", amzDate(now));
    if (!creds.sessionToken().isEmpty()) {
      headers.put("x-amz-security-token", creds.sessionToken());
    }
    String authorization =
        authorization(
            method,
            canonicalPath,
            query,
            headers,
            payloadHash,
            creds.accessKey(),
            creds.secretKey(),
            creds.region());
    headers.remove("host");
    headers.put("Authorization", authorization);
    return headers;
  }

  /**
   * The {@code Authorization} header value of a request.
   *
   * @param method HTTP method
   * @param canonicalPath the URI path, already encoded with {@link #encodePath}
   * @param query decoded query parameters (a parameter without value maps to "")
   * @param headers the headers to sign, names in any case; must hold {@code host}, {@code
   *     x-amz-date} and {@code x-amz-content-sha256}
   * @param payloadHash hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}
   */
  public static String authorization(
      String method,
      String canonicalPath,
      Map<String, String> query,
      Map<String, String> headers,
      String payloadHash,
      String accessKey,
      String secretKey,
      String region) {
    TreeMap<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value));
    String amzDate = signed.get("x-amz-date");
    if (amzDate == null || amzDate.length() < 8) {
      throw new IllegalArgumentException("a signed request needs x-amz-date");
    }
    String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
    String signedHeaders = String.join(";", signed.keySet());
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonicalRequest(method, canonicalPath, query, signed, payloadHash)));
    byte[] key = signingKey(secretKey, amzDate.substring(0, 8), region);
    String signature = hex(hmac(key, stringToSign));
    return "AWS4-HMAC-SHA256 Credential="
        + accessKey
        + "/"
        + scope
        + ", SignedHeaders="
        + signedHeaders
        + ", Signature="
        + signature;
  }

  /** The canonical request of SigV4 (headers keyed by lower-case name). */
  static String canonicalRequest(
      String method,
      String canonicalPath,
      Map<String, String> query,
      TreeMap<String, String> headers,
      String payloadHash) {
    TreeMap<String, String> sortedQuery = new TreeMap<>();
    query.forEach((k, v) -> sortedQuery.put(encode(k, true), encode(v, true)));
    StringJoiner q = new StringJoiner("&");
    sortedQuery.forEach((k, v) -> q.add(k + "=" + v));
    StringBuilder h = new StringBuilder();
    headers.forEach((k, v) -> h.append(k).append(':').append(v.trim()).append('\n'));
    return method
        + "\n"
        + canonicalPath
        + "\n"
        + q
        + "\n"
        + h
        + "\n"
        + String.join(";", headers.keySet())
        + "\n"
        + payloadHash;
  }

  private static byte[] signingKey(String secretKey, String date, String region) {
    byte[] k = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, "s3");
    return hmac(k, "aws4_request");
  }

  /** A path-style object path {@code /bucket/key}, each key segment encoded per S3's rules. */
  public static String encodePath(String bucket, String key) {
    return "/" + encode(bucket, true) + "/" + encode(key, false);
  }

  /**
   * URI-encodes as SigV4 wants: every byte but {@code A-Z a-z 0-9 - _ . ~} as {@code %XY}
   * (upper-case hex), and {@code /} too unless {@code slash} is false (object keys keep theirs).
   */
  public static String encode(String text, boolean slash) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !slash)) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(HEX[c >> 4]))
            .append(Character.toUpperCase(HEX[c & 0xf]));
      }
    }
    return out.toString();
  }

  /** Hex SHA-256 of bytes, for a hashed payload. */
  public static String sha256Hex(byte[] data) {
    return hex(sha256(data));
  }

  private static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
