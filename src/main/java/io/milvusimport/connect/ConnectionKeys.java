package io.milvusimport.connect;

import java.util.Set;

/**
 * The option keys that say how to reach Milvus, shared by the writer ({@code spark.OptionKeys}
 * repeats them) and the Spark-free management API, so one options map serves both. Why each exists
 * is documented on the writer's keys and in {@code docs/options.md}.
 */
public final class ConnectionKeys {
  public static final String URI = "uri";
  public static final String TOKEN = "token";
  public static final String USER = "user";
  public static final String PASSWORD = "password";
  public static final String CA_PEM_PATH = "caPemPath";
  public static final String CLIENT_PEM_PATH = "clientPemPath";
  public static final String CLIENT_KEY_PATH = "clientKeyPath";
  public static final String DATABASE = "database";
  public static final String REQUEST_TIMEOUT = "requestTimeout";
  public static final String RETRIES = "retries";
  public static final String POLL_INTERVAL = "pollInterval";
  public static final String MAX_POLL_INTERVAL = "maxPollInterval";

  /** Every connection key. */
  public static final Set<String> KEYS =
      Set.of(
          URI,
          TOKEN,
          USER,
          PASSWORD,
          CA_PEM_PATH,
          CLIENT_PEM_PATH,
          CLIENT_KEY_PATH,
          DATABASE,
          REQUEST_TIMEOUT,
          RETRIES,
          POLL_INTERVAL,
          MAX_POLL_INTERVAL);

  private ConnectionKeys() {}
}
