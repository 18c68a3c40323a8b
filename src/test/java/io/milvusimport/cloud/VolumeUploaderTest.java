package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusImportException;
import io.milvusimport.VolumeUploadException;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.cloud.VolumeObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** VolumeUploader against the volume's S3 front (HTTPS, SigV4-checking, PUT-only credentials). */
@Tag("e2e")
class VolumeUploaderTest {
  private static final long MIB = 1L << 20;
  private static VolumeObjectStore store;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    store = VolumeObjectStore.start("zilliz-volumes");
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @BeforeEach
  void reset() {
    store.credentialLife(Duration.ofHours(1));
    store.failNextPuts(0);
    store.cloud("aws");
  }

  static UploadSettings settings() {
    return store.uploadSettings().withMultipartThreshold(8 * MIB);
  }

  private static Supplier applying(String volume, String prefix) {
    return new Supplier(volume, prefix);
  }

  /** Applies through the front, counting calls; can be told to fail from a given call on. */
  static final class Supplier implements java.util.function.Supplier<VolumeCredentials> {
    final String volume;
    final String prefix;
    final AtomicInteger calls = new AtomicInteger();
    volatile int failFrom = Integer.MAX_VALUE;

    Supplier(String volume, String prefix) {
      this.volume = volume;
      this.prefix = prefix;
    }

    @Override
    public VolumeCredentials get() {
      if (calls.incrementAndGet() >= failFrom) {
        throw new MilvusImportException("apply on volume " + volume + " answered HTTP 500");
      }
      return VolumeCredentials.fromApply(store.apply(volume, prefix, ""), false);
    }
  }

  private Path file(String name, long size) throws IOException {
    byte[] data = new byte[(int) size];
    new Random(size).nextBytes(data);
    return Files.write(dir.resolve(name), data);
  }

  private static String prefix() {
    return "vol-" + System.nanoTime() + "/";
  }

  @Test
  void smallFileIsOnePutLandingByteExactWithoutAnyHeadOrGet() throws Exception {
    String prefix = prefix();
    Path file = file("a.json", 1234);
    List<Long> progress = new ArrayList<>();
    int before = store.requests().size();

    new VolumeUploader(settings())
        .upload(
            new ApplyingCredentialSource(applying("v1", prefix)),
            "data/a b.json",
            file,
            progress::add);

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "data/a b.json"))
        .isEqualTo(Files.readAllBytes(file));
    List<String> seen = store.requests().subList(before, store.requests().size());
    assertThat(seen).containsExactly("PUT /zilliz-volumes/" + prefix + "data/a%20b.json -> 200");
    assertThat(progress).containsExactly(1234L);
  }

  @Test
  void emptyFileIsAnEmptyObject() throws Exception {
    String prefix = prefix();
    Path file = file("empty.json", 0);

    new VolumeUploader(settings())
        .upload(new ApplyingCredentialSource(applying("v1", prefix)), "empty.json", file, b -> {});

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "empty.json")).isEmpty();
  }

  @Test
  void largeFileGoesUpInFiveMibPartsAndLandsByteExact() throws Exception {
    String prefix = prefix();
    Path file = file("big.parquet", 11 * MIB + 3);
    List<Long> progress = new ArrayList<>();
    int before = store.requests().size();

    new VolumeUploader(settings())
        .upload(
            new ApplyingCredentialSource(applying("v1", prefix)),
            "big.parquet",
            file,
            progress::add);

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "big.parquet"))
        .isEqualTo(Files.readAllBytes(file));
    assertThat(progress).containsExactly(5 * MIB, 5 * MIB, MIB + 3);
    List<String> seen = store.requests().subList(before, store.requests().size());
    assertThat(seen).hasSize(5).allMatch(r -> r.startsWith("POST ") || r.startsWith("PUT "));
    assertThat(seen.get(0)).contains("?uploads").endsWith("200");
    assertThat(seen.get(4)).startsWith("POST").contains("uploadId=").endsWith("200");
  }

  @Test
  void partSizeFollowsTheSdkRule() {
    assertThat(VolumeUploader.partSize(11 * MIB)).isEqualTo(5 * MIB);
    assertThat(VolumeUploader.partSize(10_000 * MIB)).isEqualTo(10 * MIB);
    assertThat(VolumeUploader.partSize(10_001 * MIB)).isEqualTo(11 * MIB);
  }

  @Test
  void credentialsRefusedAsExpiredMidUploadAreRenewedAndTheUploadCompletes() throws Exception {
    String prefix = prefix();
    Path file = file("big.npy", 11 * MIB);
    Supplier apply = applying("v1", prefix);
    int before = store.requests().size();

    new VolumeUploader(settings())
        .upload(
            new ApplyingCredentialSource(apply),
            "big.npy",
            file,
            bytes -> store.expireCredentialsNow());

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "big.npy"))
        .isEqualTo(Files.readAllBytes(file));
    // Refused before part 2, part 3 and the complete: each time one apply, then the same request.
    assertThat(apply.calls.get()).isEqualTo(4);
    assertThat(store.requests().subList(before, store.requests().size()))
        .filteredOn(r -> r.endsWith("-> 403"))
        .hasSize(3);
  }

  @Test
  void shortLivedCredentialsAreRenewedBeforeTheyExpire() throws Exception {
    store.credentialLife(Duration.ofMillis(3000));
    String prefix = prefix();
    Path file = file("slow.parquet", 11 * MIB);
    Supplier apply = applying("v1", prefix);

    new VolumeUploader(settings())
        .upload(new ApplyingCredentialSource(apply), "slow.parquet", file, bytes -> sleep(1600));

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "slow.parquet"))
        .isEqualTo(Files.readAllBytes(file));
    // Half of the 3 s life passes after each part: the credentials are renewed before part 2,
    // part 3 and the complete, although none of them had expired yet.
    assertThat(apply.calls.get()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aFailingRefreshGivesAClearErrorWithoutSecrets() throws Exception {
    String prefix = prefix();
    Path file = file("big.json", 11 * MIB);
    Supplier apply = applying("v1", prefix);
    apply.failFrom = 2;
    ApplyingCredentialSource source = new ApplyingCredentialSource(apply);
    VolumeCredentials first = source.current();

    assertThatThrownBy(
            () ->
                new VolumeUploader(settings())
                    .upload(source, "big.json", file, bytes -> store.expireCredentialsNow()))
        .isInstanceOf(VolumeUploadException.class)
        .hasMessageContaining(
            "credentials for volume v1 expired mid-upload of " + file + " (to big.json)")
        .hasMessageContaining("a fresh apply failed: apply on volume v1 answered HTTP 500")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(first.secretKey())
                    .doesNotContain(first.sessionToken()));
    assertThat(store.requests()).anyMatch(r -> r.contains("uploadId=") && r.startsWith("DELETE"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"503", "dropped"})
  void slowDownAndDroppedConnectionsAreRetried(String fault) throws Exception {
    String prefix = prefix();
    Path file = file("r-" + fault + ".json", 100);
    if (fault.equals("503")) {
      store.failNextPuts(2);
    } else {
      store.dropNextPuts(2);
    }
    int before = store.requests().size();

    new VolumeUploader(settings())
        .upload(
            new ApplyingCredentialSource(applying("v1", prefix)),
            "r-" + fault + ".json",
            file,
            b -> {});

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "r-" + fault + ".json"))
        .isEqualTo(Files.readAllBytes(file));
    assertThat(store.requests().subList(before, store.requests().size()))
        .extracting(r -> r.substring(r.lastIndexOf(' ') + 1))
        .containsExactly(fault, fault, "200");
  }

  @Test
  void tooManyRequestsAndInternalErrorsAreRetriedToo() throws Exception {
    String prefix = prefix();
    Path file = file("r2.json", 100);
    UploadSettings settings = settings();
    VolumeUploader uploader = new VolumeUploader(settings);
    store.failNextPuts(1, 429);
    uploader.upload(new ApplyingCredentialSource(applying("v1", prefix)), "r2.json", file, b -> {});
    store.failNextPuts(1, 500);
    uploader.upload(new ApplyingCredentialSource(applying("v1", prefix)), "r3.json", file, b -> {});

    assertThat(LocalS3.shared().listKeys(store.bucket(), prefix))
        .containsExactlyInAnyOrder(prefix + "r2.json", prefix + "r3.json");
    assertThat(store.requests()).anyMatch(r -> r.endsWith("r2.json -> 429"));
    assertThat(store.requests()).anyMatch(r -> r.endsWith("r3.json -> 500"));
  }

  @Test
  void persistentServerErrorsGiveUpNamingTheFileAndTheAttempts() throws Exception {
    String prefix = prefix();
    Path file = file("dead.json", 100);
    store.failNextPuts(10);

    assertThatThrownBy(
            () ->
                new VolumeUploader(settings())
                    .upload(
                        new ApplyingCredentialSource(applying("v1", prefix)),
                        "dead.json",
                        file,
                        b -> {}))
        .isInstanceOf(VolumeUploadException.class)
        .hasMessageContaining("Uploading " + file + " to volume v1 as dead.json failed after 4")
        .hasMessageContaining("HTTP 503 SlowDown");
  }

  @Test
  void gcpVolumesSendTheSessionTokenAsBearerWithoutSigV4() throws Exception {
    // The gcp front refuses SigV4: every request below succeeding means all went as bearer.
    store.cloud("gcp");
    String prefix = prefix();
    Path file = file("g.parquet", 11 * MIB);
    int before = store.requests().size();

    new VolumeUploader(settings())
        .upload(new ApplyingCredentialSource(applying("v1", prefix)), "g.parquet", file, b -> {});

    assertThat(LocalS3.shared().read(store.bucket(), prefix + "g.parquet"))
        .isEqualTo(Files.readAllBytes(file));
    assertThat(store.requests().subList(before, store.requests().size()))
        .hasSize(5)
        .allMatch(r -> r.endsWith("200"));
  }

  @Test
  void headAndGetAreRefusedByTheFront() throws Exception {
    String prefix = prefix();
    ObjectNode data = store.apply("v1", prefix, "");
    VolumeCredentials creds = VolumeCredentials.fromApply(data, false);
    assertThat(creds.endpoint()).startsWith("127.0.0.1:");
    // The front answers 403 to reads; the client has no way to send one, so the test asks raw.
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .sslContext(store.serverContext())
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    java.net.http.HttpResponse<String> answer =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("https://" + creds.endpoint() + "/zilliz-volumes/x"))
                .GET()
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(403);
  }

  @Test
  void alibabaAndTencentVolumesAreRefusedNamingTheCloud() throws Exception {
    ObjectNode data = store.apply("v1", prefix(), "");
    data.put("cloud", "ali");
    VolumeCredentials creds = VolumeCredentials.fromApply(data, false);
    Path file = file("x.json", 10);

    assertThatThrownBy(
            () ->
                new VolumeUploader(settings())
                    .upload(new ApplyingCredentialSource(() -> creds), "x.json", file, b -> {}))
        .isInstanceOf(VolumeUploadException.class)
        .hasMessageContaining("cloud 'ali' (Alibaba Cloud) are not supported yet");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
