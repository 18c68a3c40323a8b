package io.milvusimport.cli;

import io.milvusimport.connect.ConnectionKeys;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The connection flags every command takes, named after the writer's options ({@code --ca-pem-path}
 * is option {@code caPemPath}), and how they become the options map {@code SnapshotManager} reads:
 * the endpoint from {@code --uri} or {@code MILVUS_URI}, secrets only from the environment or a
 * file.
 */
final class ConnectionFlags {
  static final String URI_ENV = "MILVUS_URI";
  static final String USER_ENV = "MILVUS_USER";

  /** Flag name to option key, for the flags that are plain options. */
  private static final Map<String, String> OPTION_FLAGS = new TreeMap<>();

  static {
    for (String key :
        List.of(
            ConnectionKeys.URI,
            ConnectionKeys.DATABASE,
            ConnectionKeys.USER,
            ConnectionKeys.CA_PEM_PATH,
            ConnectionKeys.CLIENT_PEM_PATH,
            ConnectionKeys.CLIENT_KEY_PATH,
            ConnectionKeys.REQUEST_TIMEOUT,
            ConnectionKeys.RETRIES,
            ConnectionKeys.POLL_INTERVAL,
            ConnectionKeys.MAX_POLL_INTERVAL)) {
      OPTION_FLAGS.put(kebab(key), key);
    }
  }

  static final List<Flag> FLAGS =
      List.of(
          Flag.optional(
              "uri", "URL", "Milvus's REST endpoint, e.g. https://milvus:19530; else $" + URI_ENV),
          Flag.optional("database", "NAME", "the database (default: default)"),
          Flag.optional(
              "token-file",
              "FILE",
              "a file holding the token (else $" + SecretFlags.TOKEN_ENV + ")"),
          Flag.optional(
              "user",
              "NAME",
              "a user, with the password in $"
                  + SecretFlags.PASSWORD_ENV
                  + " or --password-file; else $"
                  + USER_ENV),
          Flag.optional("password-file", "FILE", "a file holding the password"),
          Flag.optional("ca-pem-path", "FILE", "PEM CA certificates to trust (https)"),
          Flag.optional("client-pem-path", "FILE", "PEM client certificate (mutual TLS)"),
          Flag.optional("client-key-path", "FILE", "PEM PKCS#8 client key (mutual TLS)"),
          Flag.optional("request-timeout", "DURATION", "per-request timeout (default 60s)"),
          Flag.optional("retries", "N", "retries of transient faults (default 5)"),
          Flag.optional("poll-interval", "DURATION", "first back-off of a retry (default 1s)"),
          Flag.optional("max-poll-interval", "DURATION", "longest back-off (default 30s)"));

  private ConnectionFlags() {}

  /** {@code caPemPath} -> {@code ca-pem-path}. */
  static String kebab(String optionKey) {
    return optionKey.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
  }

  /** The writer-style options for these flags, with secrets from {@code env} or files. */
  static Map<String, String> options(Flags flags, Map<String, String> env) {
    Map<String, String> options = new TreeMap<>();
    OPTION_FLAGS.forEach(
        (flag, key) -> {
          if (flags.has(flag)) {
            options.put(key, flags.get(flag));
          }
        });
    putFromEnv(options, ConnectionKeys.URI, env.get(URI_ENV));
    putFromEnv(options, ConnectionKeys.USER, env.get(USER_ENV));
    if (!options.containsKey(ConnectionKeys.URI)) {
      throw new UsageException(
          "No Milvus endpoint: give --uri URL (e.g. https://milvus:19530) or set " + URI_ENV + ".");
    }
    String token = secret(flags.get("token-file"), "token-file", env.get(SecretFlags.TOKEN_ENV));
    String password =
        secret(flags.get("password-file"), "password-file", env.get(SecretFlags.PASSWORD_ENV));
    if (token != null && (options.containsKey(ConnectionKeys.USER) || password != null)) {
      throw new UsageException(
          "Both a token (--token-file or $"
              + SecretFlags.TOKEN_ENV
              + ") and a user/password are given: give one of them.");
    }
    putFromEnv(options, ConnectionKeys.TOKEN, token);
    putFromEnv(options, ConnectionKeys.PASSWORD, password);
    return options;
  }

  /**
   * Names the flag beside the option in a connection error ("Option 'caPemPath' (--ca-pem-path)
   * ..."), so the user sees what to change on the command line.
   */
  static String withFlagNames(String message) {
    String out =
        message
            .replace(
                "'token' or 'user'/'password' options",
                "token ($"
                    + SecretFlags.TOKEN_ENV
                    + " or --token-file) or --user with $"
                    + SecretFlags.PASSWORD_ENV)
            .replace(
                "Options 'token' and 'user'/'password'",
                "A token ($" + SecretFlags.TOKEN_ENV + ", --token-file) and --user/password");
    for (Map.Entry<String, String> e : OPTION_FLAGS.entrySet()) {
      out = out.replace("'" + e.getValue() + "'", "'" + e.getValue() + "' (--" + e.getKey() + ")");
    }
    return out;
  }

  private static void putFromEnv(Map<String, String> options, String key, String value) {
    if (value != null && !value.isBlank() && !options.containsKey(key)) {
      options.put(key, value.trim());
    }
  }

  /** The file's content when {@code file} is given (it wins), else the environment's value. */
  private static String secret(String file, String flag, String fromEnv) {
    if (file == null) {
      return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }
    return SecretFlags.readFile(file, flag);
  }
}
