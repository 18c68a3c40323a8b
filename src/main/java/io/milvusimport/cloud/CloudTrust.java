package io.milvusimport.cloud;

import io.milvusimport.VolumeUploadException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for a volume's object store: the JVM's CA certificates plus those of {@code
 * cloudCaPemPath}, given as PEM text because executors cannot read a file on the driver. Both are
 * trusted (a private CA adds to the public ones rather than replacing them) and host names are
 * always verified.
 */
final class CloudTrust {
  private CloudTrust() {}

  /** The JVM's trusted CAs plus those of the PEM text. */
  static SSLContext context(String pem) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      int i = 0;
      for (TrustManager manager : defaults.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          for (X509Certificate ca : ((X509TrustManager) manager).getAcceptedIssuers()) {
            store.setCertificateEntry("jvm-" + i++, ca);
          }
        }
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Certificate ca :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("extra-" + i++, ca);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new VolumeUploadException(
          "Option 'cloudCaPemPath' holds no usable CA certificate (PEM): " + e.getMessage(), e);
    }
  }
}
