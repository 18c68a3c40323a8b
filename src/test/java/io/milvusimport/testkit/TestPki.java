package io.milvusimport.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI made with the JDK's {@code keytool} for TLS tests: a CA, a server certificate
 * for 127.0.0.1 signed by it, a client certificate signed by it, and the PEM files a user would
 * give the connector ({@code ca.pem}, {@code client.pem}, {@code client.key}).
 */
public final class TestPki {
  private static final String PASS = "changeit";

  private final Path dir;

  private TestPki(Path dir) {
    this.dir = dir;
  }

  /** Makes the CA {@code name} with a server and a client certificate in a new temp directory. */
  public static TestPki create(String name) {
    try {
      TestPki pki = new TestPki(Files.createTempDirectory("pki-" + name));
      pki.keytool(
          "-genkeypair",
          "-alias",
          "ca",
          "-dname",
          "CN=" + name + " test CA",
          "-ext",
          "bc:c",
          "-keystore",
          "ca.p12");
      pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
      pki.signed("server", "CN=127.0.0.1", "san=ip:127.0.0.1");
      pki.signed("client", "CN=spark-driver", "eku=clientAuth");
      pki.writeKeyPem("client", "client.key");
      return pki;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CA certificate (PEM), for {@code caPemPath}. */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** The client certificate (PEM), for {@code clientPemPath}. */
  public Path clientPem() {
    return dir.resolve("client.pem");
  }

  /** The client's private key (PKCS#8 PEM), for {@code clientKeyPath}. */
  public Path clientKey() {
    return dir.resolve("client.key");
  }

  /** A fresh RSA key (PKCS#8 PEM) that belongs to no certificate of this PKI. */
  public Path strayKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      Path file = dir.resolve("stray.key");
      Files.writeString(file, keyPem(generator.generateKeyPair().getPrivate()));
      return file;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's TLS context: its certificate, and this CA to check client certificates. */
  public SSLContext serverContext() {
    try {
      KeyStore server = load("server.p12");
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(server, PASS.toCharArray());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", load("ca.p12").getCertificate("ca"));
      TrustManagerFactory trusts =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trusts.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trusts.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the server TLS context", e);
    }
  }

  /** A key pair {@code alias}.p12 whose certificate the CA signed, also as {@code alias}.pem. */
  private void signed(String alias, String dname, String ext) throws IOException {
    String store = alias + ".p12";
    keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keystore", store);
    keytool("-certreq", "-alias", alias, "-keystore", store, "-file", alias + ".csr");
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-infile",
        alias + ".csr",
        "-outfile",
        alias + ".pem",
        "-ext",
        ext);
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store);
    keytool("-importcert", "-alias", alias, "-file", alias + ".pem", "-keystore", store);
  }

  private void writeKeyPem(String alias, String file) throws IOException {
    try {
      Key key = load(alias + ".p12").getKey(alias, PASS.toCharArray());
      Files.writeString(dir.resolve(file), keyPem(key));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String keyPem(Key key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private KeyStore load(String file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
      store.load(in, PASS.toCharArray());
    }
    return store;
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS));
    if (command.contains("-genkeypair")) {
      command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-validity", "2"));
    } else if (command.contains("-gencert")) {
      command.addAll(List.of("-validity", "2"));
    }
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + List.of(args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
