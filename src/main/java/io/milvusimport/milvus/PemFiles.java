package io.milvusimport.milvus;

import io.milvusimport.InvalidOptionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of the TLS options (certificates and an unencrypted private key) with the JDK
 * alone, as Milvus's SDKs take them. Every error names the option and the file, never the file's
 * content. Runs on the driver only: the REST client lives there.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  /** DER of {@code AlgorithmIdentifier{rsaEncryption, NULL}}, to wrap a PKCS#1 key as PKCS#8. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemFiles() {}

  /** Every certificate in the file, at least one. */
  static List<X509Certificate> certificates(String option, Path file) {
    byte[] bytes = read(option, file);
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory
          .generateCertificates(new ByteArrayInputStream(bytes))
          .forEach(c -> out.add((X509Certificate) c));
    } catch (GeneralSecurityException e) {
      throw problem(option, file, "is not a PEM certificate file (" + e.getMessage() + ")");
    }
    if (out.isEmpty()) {
      throw problem(option, file, "holds no certificate (-----BEGIN CERTIFICATE-----)");
    }
    return out;
  }

  /**
   * The private key: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code BEGIN RSA
   * PRIVATE KEY}). Encrypted keys are refused: the connector takes no key password.
   */
  static PrivateKey privateKey(String option, Path file) {
    String text = new String(read(option, file), StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2).trim());
      } catch (IllegalArgumentException e) {
        throw problem(option, file, "has a " + type + " block that is not valid base64");
      }
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(option, file, der);
        case "RSA PRIVATE KEY":
          return pkcs8(option, file, wrapPkcs1(der));
        case "ENCRYPTED PRIVATE KEY":
          throw problem(
              option,
              file,
              "holds an encrypted key; give an unencrypted PEM key readable only by you (openssl"
                  + " pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem)");
        case "EC PRIVATE KEY":
          throw problem(
              option,
              file,
              "holds a SEC1 EC key; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in"
                  + " key.pem -out key-pkcs8.pem)");
        default:
          // a certificate or parameters block before the key: keep looking
      }
    }
    throw problem(
        option, file, "holds no private key (-----BEGIN PRIVATE KEY----- or RSA PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(String option, Path file, byte[] der) {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw problem(option, file, "holds a private key that is neither RSA, EC nor Ed25519");
  }

  /** PKCS#8 {@code PrivateKeyInfo{version 0, rsaEncryption, OCTET STRING pkcs1}}. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    writeLength(body, pkcs1.length);
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write(length >>> (8 * i));
    }
  }

  private static byte[] read(String option, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw problem(option, file, "cannot be read on the driver (" + e + ")");
    }
  }

  static InvalidOptionException problem(String option, Path file, String what) {
    return new InvalidOptionException("Option '" + option + "': file '" + file + "' " + what + ".");
  }
}
