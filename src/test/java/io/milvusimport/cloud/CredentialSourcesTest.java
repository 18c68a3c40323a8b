package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CredentialSourcesTest {
  static final AtomicInteger APPLIES = new AtomicInteger();

  @AfterEach
  void forget() {
    ExecutorCredentials.forgetAll();
    APPLIES.set(0);
  }

  static VolumeCredentials creds(String ak, long lifeMillis) {
    ObjectNode data = new ObjectMapper().createObjectNode();
    data.put("volumeName", "vol1");
    data.put("cloud", "aws");
    ObjectNode c = data.putObject("credentials");
    c.put("tmpAK", ak);
    c.put("tmpSK", "secret-" + ak);
    c.put("sessionToken", "token-" + ak);
    c.put("expireTime", Instant.now().plusMillis(lifeMillis).toString());
    return VolumeCredentials.fromApply(data, false);
  }

  private static VolumeCredentials fresh() {
    return creds("AK" + APPLIES.incrementAndGet(), 3_600_000);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void tasksOfOneJvmShareOneRefreshOfRefusedCredentials() throws Exception {
    VolumeCredentials driver = creds("DRIVER", 3_600_000);
    ExecutorCredentials shipped =
        new ExecutorCredentials(driver, "w1/", CredentialSourcesTest::fresh);
    ExecutorService tasks = Executors.newFixedThreadPool(8);
    List<Future<VolumeCredentials>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // Each task deserializes its own copy, as Spark does, and is refused the driver's.
      ExecutorCredentials task = roundTrip(shipped);
      VolumeCredentials refused = roundTrip(driver);
      results.add(tasks.submit(() -> task.refresh(refused)));
    }
    for (Future<VolumeCredentials> result : results) {
      assertThat(result.get().accessKey()).isEqualTo("AK1");
    }
    tasks.shutdown();
    assertThat(APPLIES.get()).isEqualTo(1);
  }

  @Test
  void credentialsNearTheirExpiryAreRenewedBeforeUse() throws Exception {
    ExecutorCredentials source =
        new ExecutorCredentials(creds("DRIVER", 60_000), "w2/", CredentialSourcesTest::fresh);
    // 60 s left is within the 300 s margin... but also more than half its short life, as this
    // cell sees it (it started with the driver's), so it is used until half-way.
    assertThat(source.current().accessKey()).isEqualTo("DRIVER");
    ExecutorCredentials nearlyExpired =
        new ExecutorCredentials(creds("OLD", 1), "w3/", CredentialSourcesTest::fresh);
    Thread.sleep(5);
    assertThat(nearlyExpired.current().accessKey()).isEqualTo("AK1");
  }

  @Test
  void laterTasksShippedFresherCredentialsUseThemInsteadOfTheJvmsOlderOnes() {
    ExecutorCredentials early =
        new ExecutorCredentials(creds("EARLY", 600_000), "w4/", CredentialSourcesTest::fresh);
    assertThat(early.current().accessKey()).isEqualTo("EARLY");
    ExecutorCredentials later =
        new ExecutorCredentials(creds("LATER", 3_600_000), "w4/", CredentialSourcesTest::fresh);
    assertThat(later.current().accessKey()).isEqualTo("LATER");
    assertThat(early.current().accessKey()).isEqualTo("LATER");
    assertThat(APPLIES.get()).isZero();
  }

  @Test
  void theDriverSourceAppliesOnceUntilRefused() {
    ApplyingCredentialSource source = new ApplyingCredentialSource(CredentialSourcesTest::fresh);
    VolumeCredentials first = source.current();
    assertThat(source.current()).isSameAs(first);
    VolumeCredentials second = source.refresh(first);
    assertThat(second.accessKey()).isEqualTo("AK2");
    assertThat(source.refresh(first)).isSameAs(second);
    assertThat(second.toString()).doesNotContain("secret-AK2").doesNotContain("token-AK2");
  }
}
