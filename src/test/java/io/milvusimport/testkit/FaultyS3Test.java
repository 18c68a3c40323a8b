package io.milvusimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.SdkClientException;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.AmazonS3Exception;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultyS3Test {
  private final LocalS3 s3 = LocalS3.shared();

  @AfterEach
  void clearFaults() {
    FaultyS3.shared().reset();
  }

  private AmazonS3 clientThrough(FaultyS3 proxy) {
    return AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(proxy.endpoint(), "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .withClientConfiguration(new ClientConfiguration().withMaxErrorRetry(0))
        .withCredentials(
            new AWSStaticCredentialsProvider(
                new BasicAWSCredentials(s3.accessKey(), s3.secretKey())))
        .build();
  }

  @Test
  void passesSignedRequestsThroughAndFailsChosenKeysTheGivenNumberOfTimes() {
    try (FaultyS3 proxy = FaultyS3.start(s3)) {
      s3.createBucket("proxied");
      AmazonS3 client = clientThrough(proxy);
      proxy.fail("PUT", "proxied/w/.*\\.json", 1, 2, 503);

      client.putObject("proxied", "w/first.json", "one"); // skipped by the rule
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> client.putObject("proxied", "w/second.json", "two"))
            .isInstanceOfSatisfying(
                AmazonS3Exception.class,
                e -> {
                  assertThat(e.getStatusCode()).isEqualTo(503);
                  assertThat(e.getErrorCode()).isEqualTo("SlowDown");
                });
      }
      client.putObject("proxied", "w/other.txt", "not matched");
      client.putObject("proxied", "w/second.json", "two");

      assertThat(s3.listKeys("proxied", "w/"))
          .containsExactlyInAnyOrder("w/first.json", "w/second.json", "w/other.txt");
      assertThat(client.getObjectAsString("proxied", "w/second.json")).isEqualTo("two");
      assertThat(proxy.injected())
          .containsExactly("PUT proxied/w/second.json -> 503", "PUT proxied/w/second.json -> 503");
    }
  }

  @Test
  void dropsConnectionsAndFailsUntilCleared() {
    try (FaultyS3 proxy = FaultyS3.start(s3)) {
      s3.createBucket("proxied");
      s3.put("proxied", "d/a.json", "a".getBytes(StandardCharsets.UTF_8));
      AmazonS3 client = clientThrough(proxy);
      proxy.fail("GET", "proxied/d/a\\.json", 0, 1, 0);
      assertThatThrownBy(() -> client.getObjectAsString("proxied", "d/a.json"))
          .isInstanceOf(SdkClientException.class);
      assertThat(client.getObjectAsString("proxied", "d/a.json")).isEqualTo("a");

      proxy.fail("*", "proxied/d/.*", 0, -1, 500);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> client.getObjectAsString("proxied", "d/a.json"))
            .isInstanceOfSatisfying(
                AmazonS3Exception.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
      }
      proxy.clear();
      assertThat(client.getObjectAsString("proxied", "d/a.json")).isEqualTo("a");
      assertThat(proxy.injected()).hasSize(4).first().asString().endsWith("dropped");
    }
  }

  @Test
  void sparkSessionReachesTheFaultyBucketThroughTheSharedProxy() throws IOException {
    FaultyS3 proxy = FaultyS3.shared();
    Configuration conf = SparkTestSession.get().sessionState().newHadoopConf();
    Path file = new Path("s3a://" + FaultyS3.BUCKET + "/proxy-check/_manifest.json");
    FileSystem fs = file.getFileSystem(conf);
    proxy.outage(FaultyS3.BUCKET + "/proxy-check/_manifest\\.json");

    assertThatThrownBy(() -> write(fs, file, "lost")).isInstanceOf(IOException.class);
    assertThat(s3.listKeys(FaultyS3.BUCKET, "proxy-check/")).isEmpty();

    proxy.clear();
    write(fs, file, "kept");
    assertThat(
            new String(
                s3.read(FaultyS3.BUCKET, "proxy-check/_manifest.json"), StandardCharsets.UTF_8))
        .isEqualTo("kept");
    assertThat(proxy.injected()).anyMatch(r -> r.startsWith("PUT faulty-bucket/proxy-check/"));
  }

  private static void write(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
