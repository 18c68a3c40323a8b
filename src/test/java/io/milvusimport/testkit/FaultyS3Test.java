package io.milvusimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FaultyS3Test {
  private final LocalS3 s3 = LocalS3.shared();

  @AfterEach
  void clearFaults() {
    FaultyS3.shared().reset();
  }

  private S3Client clientThrough(FaultyS3 proxy) {
    return S3Client.builder()
        .endpointOverride(URI.create(proxy.endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }

  private static void put(S3Client client, String bucket, String key, String text) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
  }

  private static String get(S3Client client, String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  @Test
  void passesSignedRequestsThroughAndFailsChosenKeysTheGivenNumberOfTimes() {
    try (FaultyS3 proxy = FaultyS3.start(s3)) {
      s3.createBucket("proxied");
      S3Client client = clientThrough(proxy);
      proxy.fail("PUT", "proxied/w/.*\\.json", 1, 2, 503);

      put(client, "proxied", "w/first.json", "one"); // skipped by the rule
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> put(client, "proxied", "w/second.json", "two"))
            .isInstanceOfSatisfying(
                S3Exception.class,
                e -> {
                  assertThat(e.statusCode()).isEqualTo(503);
                  assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                });
      }
      put(client, "proxied", "w/other.txt", "not matched");
      put(client, "proxied", "w/second.json", "two");

      assertThat(s3.listKeys("proxied", "w/"))
          .containsExactlyInAnyOrder("w/first.json", "w/second.json", "w/other.txt");
      assertThat(get(client, "proxied", "w/second.json")).isEqualTo("two");
      assertThat(proxy.injected())
          .containsExactly("PUT proxied/w/second.json -> 503", "PUT proxied/w/second.json -> 503");
    }
  }

  @Test
  void dropsConnectionsAndFailsUntilCleared() {
    try (FaultyS3 proxy = FaultyS3.start(s3)) {
      s3.createBucket("proxied");
      s3.put("proxied", "d/a.json", "a".getBytes(StandardCharsets.UTF_8));
      S3Client client = clientThrough(proxy);
      proxy.fail("GET", "proxied/d/a\\.json", 0, 1, 0);
      assertThatThrownBy(() -> get(client, "proxied", "d/a.json"))
          .isInstanceOf(SdkClientException.class);
      assertThat(get(client, "proxied", "d/a.json")).isEqualTo("a");

      proxy.fail("*", "proxied/d/.*", 0, -1, 500);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> get(client, "proxied", "d/a.json"))
            .isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      }
      proxy.clear();
      assertThat(get(client, "proxied", "d/a.json")).isEqualTo("a");
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
