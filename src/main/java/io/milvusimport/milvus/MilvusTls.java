package io.milvusimport.milvus;

import io.milvusimport.InvalidOptionException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for {@code https} Milvus endpoints whose certificate the JVM's default trust
 * store does not know (a private CA), or that require a client certificate (Milvus's {@code
 * tlsMode: 2}, mutual TLS). Built from PEM files as pymilvus and the Java SDK take them ({@code
 * caPemPath}, {@code clientPemPath}, {@code clientKeyPath}). Certificates are always verified, host
 * name included: there is deliberately no way to switch verification off.
 */
public final class MilvusTls {
  /** One file option: the option's name (for errors) and the local path on the driver. */
  public static final class PemOption {
    final String option;
    final Path file;

    public PemOption(String option, String file) {
      this.option = option;
      this.file = file == null ? null : Path.of(file);
    }

    boolean given() {
      return file != null;
    }
  }

  private MilvusTls() {}

  /**
   * The context for the given files, or null when none is given (the JVM's defaults then apply).
   *
   * @param ca certificates to trust instead of the JVM's trust store (the CA that signed Milvus's
   *     certificate); when absent, the JVM's trust store
   * @param clientCert the client certificate chain for mutual TLS, given together with {@code
   *     clientKey}
   * @throws InvalidOptionException naming the option and the file of any problem
   */
  public static SSLContext context(PemOption ca, PemOption clientCert, PemOption clientKey) {
    if (!ca.given() && !clientCert.given() && !clientKey.given()) {
      return null;
    }
    if (clientCert.given() != clientKey.given()) {
      PemOption missing = clientCert.given() ? clientKey : clientCert;
      PemOption present = clientCert.given() ? clientCert : clientKey;
      throw new InvalidOptionException(
          "Option '"
              + missing.option
              + "' is required when '"
              + present.option
              + "' is set: mutual TLS needs the client certificate and its private key (PEM).");
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(clientCert, clientKey), trustManagers(ca), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new InvalidOptionException("Cannot set up TLS from the PEM options: " + e);
    }
  }

  private static TrustManager[] trustManagers(PemOption ca) throws GeneralSecurityException {
    if (!ca.given()) {
      return null;
    }
    KeyStore trust = emptyStore();
    int i = 0;
    for (X509Certificate cert : PemFiles.certificates(ca.option, ca.file)) {
      trust.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    return factory.getTrustManagers();
  }

  private static KeyManager[] keyManagers(PemOption cert, PemOption key)
      throws GeneralSecurityException {
    if (!cert.given()) {
      return null;
    }
    List<X509Certificate> chain = PemFiles.certificates(cert.option, cert.file);
    PrivateKey privateKey = PemFiles.privateKey(key.option, key.file);
    if (!matches(privateKey, chain.get(0))) {
      throw PemFiles.problem(
          key.option,
          key.file,
          "does not hold the private key of the certificate in '"
              + cert.option
              + "' ("
              + cert.file
              + ")");
    }
    char[] password = new char[0];
    KeyStore store = emptyStore();
    store.setKeyEntry("client", privateKey, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm;
    switch (key.getAlgorithm()) {
      case "RSA":
        algorithm = "SHA256withRSA";
        break;
      case "EC":
        algorithm = "SHA256withECDSA";
        break;
      default:
        algorithm = key.getAlgorithm();
    }
    byte[] probe = "milvus-import key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }
}
