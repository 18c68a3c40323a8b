package io.milvusimport.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A reader polling a count (e.g. the rows the stand-in shows through an alias) on its own thread
 * while a write runs, recording every count it saw: the test of "readers never see another count
 * than the old or the new one".
 */
public final class CountPoller implements AutoCloseable {
  private final Set<Integer> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> errors = ConcurrentHashMap.newKeySet();
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread reader;

  private CountPoller(IntSupplier count) {
    reader =
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  seen.add(count.getAsInt());
                } catch (RuntimeException e) {
                  // a reader that cannot read: recorded for the test, the polling goes on
                  errors.add(e.toString());
                }
                polls.incrementAndGet();
              }
            });
  }

  /** Starts polling {@code count}. */
  public static CountPoller start(IntSupplier count) {
    CountPoller poller = new CountPoller(count);
    poller.reader.start();
    return poller;
  }

  /** Every count seen so far. */
  public Set<Integer> seen() {
    return seen;
  }

  /** What the reads that failed threw (a reader seeing "not found" would show here). */
  public Set<String> errors() {
    return errors;
  }

  public int polls() {
    return polls.get();
  }

  /**
   * Lets the reader poll twice more (the write under test has returned, so the second of those
   * polls began after it; up to two minutes on a loaded machine), then stops it and waits for it.
   */
  @Override
  public void close() throws InterruptedException {
    int after = polls.get();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (polls.get() < after + 2 && reader.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    stop.set(true);
    reader.join();
  }
}
