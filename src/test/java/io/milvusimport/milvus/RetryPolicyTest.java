package io.milvusimport.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.MilvusServerException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4));

  @Test
  void noAnswer5xx429AndNonJsonAreTransient() {
    assertThat(RetryPolicy.isTransient(new MilvusTransportException("x", -1, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new MilvusTransportException("x", 503, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new MilvusTransportException("x", 429, null))).isTrue();
    assertThat(RetryPolicy.isTransient(new MilvusTransportException("x", 200, null))).isTrue();
  }

  @Test
  void milvusCodesAndMissingRoutesAreNotTransient() {
    assertThat(RetryPolicy.isTransient(new MilvusServerException("e", 1100, "bad"))).isFalse();
    assertThat(RetryPolicy.isTransient(new MilvusTransportException("x", 404, null))).isFalse();
  }

  @Test
  void milvusRetriableCodesAreTransientButACreateOnlyRepeatsCodesAnsweredBeforeItRan() {
    for (int code : new int[] {1, 2, 4, 8, 12, 1002, 1003, 1807}) {
      assertThat(RetryPolicy.retriableCode("jobs/import/describe", code)).as("%s", code).isTrue();
      assertThat(RetryPolicy.retriableCode("collections/describe", code)).isTrue();
    }
    assertThat(RetryPolicy.retriableCode("jobs/import/create", 8)).isTrue();
    assertThat(RetryPolicy.retriableCode("jobs/import/create", 1807)).isTrue();
    assertThat(RetryPolicy.retriableCode("jobs/import/create", 2)).isFalse();
    assertThat(RetryPolicy.retriableCode("jobs/import/create", 1002)).isFalse();
    assertThat(RetryPolicy.retriableCode("jobs/import/describe", 1100)).isFalse();
    assertThat(RetryPolicy.retriableCode("jobs/import/describe", 2101)).isFalse();
    assertThat(RetryPolicy.isTransient(new MilvusServerException("e", 8, "rate", true))).isTrue();
  }

  @Test
  void failedTlsHandshakeIsNotTransient() {
    assertThat(RetryPolicy.isTransient(MilvusTransportException.tlsHandshake("x", null))).isFalse();
  }

  @Test
  void transientFailuresAreRetriedUntilTheCallSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String answer =
        policy.call(
            "test",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new MilvusTransportException("reset", -1, null);
              }
              return "ok";
            });
    assertThat(answer).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                policy.call(
                    "test",
                    () -> {
                      calls.incrementAndGet();
                      throw new MilvusTransportException("down", 503, null);
                    }))
        .isInstanceOf(MilvusTransportException.class);
    assertThat(calls).hasValue(4);
  }

  @Test
  void nonHealingErrorsAreThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                policy.call(
                    "test",
                    () -> {
                      calls.incrementAndGet();
                      throw new MilvusServerException("create", 100, "collection not found");
                    }))
        .isInstanceOf(MilvusServerException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void delaysGrowExponentiallyWithJitterAndStayUnderTheCap() {
    RetryPolicy slow = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000));
    for (int i = 0; i < 50; i++) {
      assertThat(slow.delayMillis(0)).isBetween(50L, 100L);
      assertThat(slow.delayMillis(2)).isBetween(200L, 400L);
      assertThat(slow.delayMillis(9)).isBetween(500L, 1000L);
    }
  }
}
