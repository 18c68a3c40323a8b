package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.createRequests;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.TestPki;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * https to a Milvus whose certificate a private CA signed, and mutual TLS (Milvus's {@code tlsMode:
 * 2}), against TLS stand-ins with certificates made here by {@code keytool}. Verification is never
 * off: an unknown CA fails at once, without retries.
 */
class TlsWriteTest {
  private static final int DIM = 4;
  private static TestPki pki;
  private static ImportTestBed oneWay;
  private static ImportTestBed mutual;

  @BeforeAll
  static void startStack() {
    pki = TestPki.create("milvus");
    oneWay =
        ImportTestBed.start(
            MilvusStandIn.builder()
                .stepDelay(Duration.ofMillis(20))
                .tls(pki.serverContext(), false));
    mutual =
        ImportTestBed.start(
            MilvusStandIn.builder()
                .stepDelay(Duration.ofMillis(20))
                .tls(pki.serverContext(), true));
  }

  @AfterAll
  static void stopStack() {
    oneWay.close();
    mutual.close();
  }

  @Test
  void httpsWithThePrivateCaInCaPemPathImports() {
    String collection = oneWay.createDocsCollection(DIM);
    assertThat(oneWay.standIn().uri()).startsWith("https://");

    oneWay
        .writer(oneWay.docs(90, DIM, 2), collection, s3Staging("tls-ca"))
        .option("caPemPath", pki.caPem().toString())
        .save();

    assertExactlyOnce(oneWay.imported(collection), 90, DIM);
    assertThat(oneWay.standIn().tlsConnections()).isPositive();
  }

  @Test
  void mutualTlsWithClientCertificateAndKeyImports() {
    String collection = mutual.createDocsCollection(DIM);

    mutual
        .writer(mutual.docs(70, DIM, 2), collection, s3Staging("tls-mutual"))
        .option("caPemPath", pki.caPem().toString())
        .option("clientPemPath", pki.clientPem().toString())
        .option("clientKeyPath", pki.clientKey().toString())
        .save();

    assertExactlyOnce(mutual.imported(collection), 70, DIM);
  }

  @Test
  void serverCertificateFromAnUntrustedCaFailsAtOnceWithoutRetries() {
    String collection = oneWay.createDocsCollection(DIM);
    int before = oneWay.standIn().tlsConnections();

    // trusts only the client's certificate, which did not sign the server's
    assertWriteFails(oneWay, collection, "caPemPath", pki.clientPem(), "retries", "5")
        .isInstanceOf(MilvusImportException.class)
        .hasMessageContaining("TLS handshake with Milvus at " + oneWay.standIn().uri())
        .hasMessageContaining("Not retried")
        .hasMessageContaining("caPemPath");
    assertThat(oneWay.standIn().tlsConnections() - before).isEqualTo(1);
    assertThat(createRequests(oneWay, collection)).isEmpty();
  }

  @Test
  void withoutCaPemPathTheJvmTrustStoreDecidesAndRefusesThePrivateCa() {
    String collection = oneWay.createDocsCollection(DIM);

    assertWriteFails(oneWay, collection)
        .isInstanceOf(MilvusImportException.class)
        .hasMessageContaining("TLS handshake");
    assertThat(createRequests(oneWay, collection)).isEmpty();
  }

  @Test
  void mutualTlsServerRefusesAClientWithoutCertificate() {
    String collection = mutual.createDocsCollection(DIM);

    assertWriteFails(mutual, collection, "caPemPath", pki.caPem(), "retries", "1")
        .isInstanceOf(MilvusImportException.class)
        .hasMessageContaining("collections/describe")
        .hasMessageContaining("clientPemPath");
    assertThat(createRequests(mutual, collection)).isEmpty();
  }

  @Test
  void unreadableOrWrongPemFilesAreNamedWithTheirOption() {
    String collection = oneWay.createDocsCollection(DIM);
    Path missing = pki.caPem().resolveSibling("missing.pem");
    assertWriteFails(oneWay, collection, "caPemPath", missing)
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'caPemPath': file '" + missing + "' cannot be read");
    assertWriteFails(oneWay, collection, "clientPemPath", pki.clientPem())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'clientKeyPath' is required when 'clientPemPath' is set");
    assertWriteFails(
            oneWay, collection, "clientPemPath", pki.clientPem(), "clientKeyPath", pki.caPem())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(
            "Option 'clientKeyPath': file '" + pki.caPem() + "' holds no private key");
    assertWriteFails(
            oneWay, collection, "clientPemPath", pki.clientPem(), "clientKeyPath", pki.strayKey())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining(
            "does not hold the private key of the certificate in 'clientPemPath'");
    String http = oneWay.standIn().uri().replace("https://", "http://");
    assertWriteFails(oneWay, collection, "uri", http, "caPemPath", pki.caPem())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("apply to TLS")
        .hasMessageContaining("use https://");
    assertThat(createRequests(oneWay, collection)).isEmpty();
    assertThat(oneWay.stagedKeys("tls-bad/")).isEmpty();
  }

  /** A write of 10 rows with these option key/value pairs, expected to fail. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertWriteFails(
      ImportTestBed bed, String collection, Object... options) {
    DataFrameWriter<Row> writer =
        bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("tls-bad"));
    for (int i = 0; i < options.length; i += 2) {
      writer.option((String) options[i], options[i + 1].toString());
    }
    return assertThatThrownBy(writer::save);
  }
}
