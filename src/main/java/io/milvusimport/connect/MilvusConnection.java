package io.milvusimport.connect;

import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * How to reach Milvus (uri, credential, database, TLS, request timeout, retries and their
 * back-off), parsed once and checked, with the writer's option keys ({@link ConnectionKeys}) and
 * error texts. It lives outside the {@code spark} package so the writer's commit, the snapshot
 * management API and tools that run without a SparkSession share one parser and one meaning of each
 * key.
 *
 * <p>It holds the credential: keep it on the driver, never ship it to executors; {@link #toString}
 * leaves the credential out.
 */
public final class MilvusConnection {
  private final URI uri;
  private final String authorization;
  private final SSLContext tls;
  private final String database;
  private final CallSettings calls;

  private MilvusConnection(OptionValues values, boolean uriRequired) {
    String uriValue =
        uriRequired
            ? values.required(
                ConnectionKeys.URI, "the Milvus REST endpoint, e.g. http://milvus:19530")
            : values.optional(ConnectionKeys.URI);
    this.uri = uriValue == null ? null : ConnectionParsers.parseUri(uriValue);
    this.authorization = ConnectionParsers.parseAuthorization(values);
    this.tls =
        uri == null
            ? ConnectionParsers.refuseTlsWithoutUri(values)
            : ConnectionParsers.parseTls(values, uri);
    this.database = values.text(ConnectionKeys.DATABASE, "default");
    this.calls = CallSettings.parse(values);
  }

  /**
   * Parses the connection keys of {@code options} (keys in any case); other keys, such as the
   * writer's, are ignored, so a write's options map can be passed as it is.
   *
   * @throws io.milvusimport.InvalidOptionException naming the option, the value and what is
   *     accepted
   */
  public static MilvusConnection parse(Map<String, String> options) {
    Map<String, String> lower = new TreeMap<>();
    options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new MilvusConnection(new OptionValues(lower), true);
  }

  /** Parses from options already read by the writer ({@code values} with lower-case keys). */
  public static MilvusConnection parse(OptionValues values) {
    return new MilvusConnection(values, true);
  }

  /**
   * As {@link #parse(OptionValues)}, but {@code uri} may be absent: a write into Zilliz Cloud runs
   * its import jobs on the control plane and needs the cluster endpoint only for the plan-time
   * collection check. Without it {@link #hasUri} is false and {@link #client} refuses.
   */
  public static MilvusConnection parseOptionalUri(OptionValues values) {
    return new MilvusConnection(values, false);
  }

  /**
   * Refuses a {@code uri} with credentials, a query or a fragment without echoing it; for callers
   * that must check before the options reach a plan (the writer's table provider).
   */
  public static void refuseSecretsInUri(String value) {
    ConnectionParsers.refuseSecretsInUri(value);
  }

  /** A REST client for this connection. */
  public MilvusRestClient client() {
    if (uri == null) {
      throw new IllegalStateException(
          "no Milvus endpoint: option '" + ConnectionKeys.URI + "' was not given");
    }
    return new MilvusRestClient(uri, authorization, calls.requestTimeout(), tls);
  }

  /** Retries transient faults {@link #retries} times, backing off from {@code pollInterval}. */
  public RetryPolicy retryPolicy() {
    return calls.retryPolicy();
  }

  /** False for a Zilliz Cloud write given no cluster endpoint ({@link #parseOptionalUri}). */
  public boolean hasUri() {
    return uri != null;
  }

  /** The endpoint, or null when {@link #hasUri} is false. */
  public URI uri() {
    return uri;
  }

  /** The Authorization header value, or null for a server without authentication. */
  public String authorization() {
    return authorization;
  }

  /** The TLS context from the PEM options, or null for the JVM's defaults. */
  public SSLContext tls() {
    return tls;
  }

  /** The database named by {@code database} (default {@code default}). */
  public String database() {
    return database;
  }

  public Duration requestTimeout() {
    return calls.requestTimeout();
  }

  public int retries() {
    return calls.retries();
  }

  /** First wait before a retry ({@code pollInterval}). */
  public Duration retryInitialDelay() {
    return calls.retryInitialDelay();
  }

  /** Longest wait before a retry ({@code maxPollInterval}). */
  public Duration retryMaxDelay() {
    return calls.retryMaxDelay();
  }

  /** Credentials are left out on purpose. */
  @Override
  public String toString() {
    return "MilvusConnection{uri="
        + uri
        + ", database="
        + database
        + ", auth="
        + (authorization == null ? "none" : "***")
        + (tls == null ? "" : ", tls=pem")
        + "}";
  }
}
