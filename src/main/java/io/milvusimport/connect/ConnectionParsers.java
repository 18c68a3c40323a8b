package io.milvusimport.connect;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.milvus.MilvusTls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/** Parses the connection options whose values have a structure of their own. */
final class ConnectionParsers {
  private ConnectionParsers() {}

  static URI parseUri(String value) {
    refuseSecretsInUri(value);
    try {
      URI parsed = new URI(value.replaceAll("/+$", ""));
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
        return parsed;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw OptionValues.invalid(
        ConnectionKeys.URI, value, "an http:// or https:// URL such as http://milvus:19530");
  }

  /**
   * Refuses a {@code uri} carrying credentials ({@code http://user:token@host}) or a query or
   * fragment, without repeating the value: Spark shows a write's options in its plans and SQL UI
   * and redacts {@code url} and {@code token} there, but not {@code uri}. Also called by the table
   * provider, before Spark builds a plan holding the options.
   */
  static void refuseSecretsInUri(String value) {
    if (value == null) {
      return;
    }
    int scheme = value.indexOf("://");
    String rest = scheme < 0 ? value : value.substring(scheme + 3);
    int pathStart = rest.indexOf('/');
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    if (authority.contains("@")) {
      throw new InvalidOptionException(
          "Option 'uri' must not hold credentials (the 'user:secret@' part before the host); the"
              + " value is not repeated here because it holds a secret. Give the endpoint alone,"
              + " such as https://milvus:19530, and the credential with option 'token'"
              + " (user:password or an API key) or 'user'/'password', which are never logged.");
    }
    if (value.contains("?") || value.contains("#")) {
      throw new InvalidOptionException(
          "Option 'uri' must not have a query or fragment ('?...' or '#...'); the value is not"
              + " repeated here in case it holds a secret. Give the endpoint alone, such as"
              + " https://milvus:19530, and a credential with option 'token'.");
    }
  }

  /** The TLS context of the PEM options (driver only), or null when none is given. */
  static SSLContext parseTls(OptionValues values, URI uri) {
    MilvusTls.PemOption ca =
        new MilvusTls.PemOption(
            ConnectionKeys.CA_PEM_PATH, values.optional(ConnectionKeys.CA_PEM_PATH));
    MilvusTls.PemOption cert =
        new MilvusTls.PemOption(
            ConnectionKeys.CLIENT_PEM_PATH, values.optional(ConnectionKeys.CLIENT_PEM_PATH));
    MilvusTls.PemOption key =
        new MilvusTls.PemOption(
            ConnectionKeys.CLIENT_KEY_PATH, values.optional(ConnectionKeys.CLIENT_KEY_PATH));
    boolean any =
        values.optional(ConnectionKeys.CA_PEM_PATH) != null
            || values.optional(ConnectionKeys.CLIENT_PEM_PATH) != null
            || values.optional(ConnectionKeys.CLIENT_KEY_PATH) != null;
    if (any && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new InvalidOptionException(
          "Options '"
              + ConnectionKeys.CA_PEM_PATH
              + "', '"
              + ConnectionKeys.CLIENT_PEM_PATH
              + "' and '"
              + ConnectionKeys.CLIENT_KEY_PATH
              + "' apply to TLS, but option 'uri' is "
              + uri
              + ": use https:// (Milvus with tls enabled) or drop them.");
    }
    return MilvusTls.context(ca, cert, key);
  }

  /** Without a {@code uri} the PEM options have nothing to apply to: refuses them, or null. */
  static SSLContext refuseTlsWithoutUri(OptionValues values) {
    for (String key :
        new String[] {
          ConnectionKeys.CA_PEM_PATH, ConnectionKeys.CLIENT_PEM_PATH, ConnectionKeys.CLIENT_KEY_PATH
        }) {
      if (values.optional(key) != null) {
        throw new InvalidOptionException(
            "Option '"
                + key
                + "' applies to TLS towards option 'uri', which is not given: set 'uri' to the"
                + " cluster's https:// endpoint or drop '"
                + key
                + "'.");
      }
    }
    return null;
  }

  static String parseAuthorization(OptionValues values) {
    String token = values.optional(ConnectionKeys.TOKEN);
    String user = values.optional(ConnectionKeys.USER);
    String password = values.optional(ConnectionKeys.PASSWORD);
    if (token != null && (user != null || password != null)) {
      throw new InvalidOptionException(
          "Options 'token' and 'user'/'password' are mutually exclusive: give either a token"
              + " (user:password or an API key) or a user and a password.");
    }
    if (token != null) {
      return "Bearer " + token;
    }
    if ((user == null) != (password == null)) {
      throw new InvalidOptionException(
          "Option '"
              + (user == null ? ConnectionKeys.USER : ConnectionKeys.PASSWORD)
              + "' is required when '"
              + (user == null ? ConnectionKeys.PASSWORD : ConnectionKeys.USER)
              + "' is set.");
    }
    return user == null ? null : "Bearer " + user + ":" + password;
  }
}
