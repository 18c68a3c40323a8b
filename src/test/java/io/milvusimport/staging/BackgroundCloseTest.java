package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A streamed part's close (S3A's PUT) on the task's upload pool. */
class BackgroundCloseTest {

  /** A store's stream whose close waits for {@link #release} and then does what it was told. */
  private static final class SlowStore extends ByteArrayOutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger closes = new AtomicInteger();
    final AtomicReference<String> closedOn = new AtomicReference<>();
    private final IOException failure;

    SlowStore(IOException failure) {
      this.failure = failure;
    }

    @Override
    public void close() throws IOException {
      closes.incrementAndGet();
      closedOn.set(Thread.currentThread().getName());
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  @Test
  void closeReturnsAtOnceAndTheUploadEndsOnThePoolBeforeAwaitReturns() throws Exception {
    PartUploads uploads = new PartUploads("test-upload");
    SlowStore store = new SlowStore(null);
    BackgroundClose out = new BackgroundClose(store, uploads);
    out.write(new byte[] {1, 2, 3}, 0, 3);
    out.write(4);

    out.close();
    out.close();

    assertThat(store.toByteArray()).containsExactly(1, 2, 3, 4);
    assertThat(store.release.getCount()).isEqualTo(1);
    store.release.countDown();
    uploads.awaitAll();
    assertThat(store.closes).hasValue(1);
    assertThat(store.closedOn).hasValue("test-upload");
    uploads.close();
  }

  @Test
  void aFailedCloseFailsTheWaitForUploadsWithItsOwnError() throws Exception {
    PartUploads uploads = new PartUploads("test-upload");
    SlowStore store = new SlowStore(new IOException("PUT part-00000/text.npy refused"));
    store.release.countDown();

    new BackgroundClose(store, uploads).close();

    assertThatThrownBy(uploads::awaitAll)
        .isInstanceOf(IOException.class)
        .hasMessage("PUT part-00000/text.npy refused");
    uploads.close();
  }

  @Test
  void endingTheUploadsWaitsForACloseUnderWayAlsoOnAnInterruptedThread() throws Exception {
    PartUploads uploads = new PartUploads("test-upload");
    SlowStore store = new SlowStore(null);
    new BackgroundClose(store, uploads).close();
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              store.release.countDown();
            });
    releaser.start();

    Thread.currentThread().interrupt();
    uploads.close();

    assertThat(Thread.interrupted()).isTrue();
    assertThat(store.closes).hasValue(1);
    assertThat(store.release.getCount()).isZero();
  }

  @Test
  void aCloseAfterTheUploadsEndedRunsAtOnceSoNothingLandsAfterTheCleanup() throws Exception {
    PartUploads uploads = new PartUploads("test-upload");
    uploads.close();
    SlowStore store = new SlowStore(new IOException("PUT of an abandoned part refused"));
    store.release.countDown();

    assertThatThrownBy(() -> new BackgroundClose(store, uploads).close())
        .hasMessage("PUT of an abandoned part refused");
    assertThat(store.closes).hasValue(1);
    assertThat(store.closedOn).hasValue(Thread.currentThread().getName());
  }
}
