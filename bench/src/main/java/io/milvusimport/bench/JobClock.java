package io.milvusimport.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Times the Spark jobs of one measured write from Spark's own events: the job span is the staging
 * time (every task, including its task commit), apart from what the driver does after the job
 * (Spark's job commit, or milvus-import's import call). Listener events arrive asynchronously, so
 * {@link #awaitQuiet} waits until every started job has ended.
 */
final class JobClock extends SparkListener {
  private long firstJobStart;
  private long lastJobEnd;
  private long lastTaskEnd;
  private int started;
  private int ended;

  synchronized void reset() {
    firstJobStart = Long.MAX_VALUE;
    lastJobEnd = 0;
    lastTaskEnd = 0;
    started = 0;
    ended = 0;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart event) {
    firstJobStart = Math.min(firstJobStart, event.time());
    started++;
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd event) {
    lastJobEnd = Math.max(lastJobEnd, event.time());
    ended++;
    notifyAll();
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    lastTaskEnd = Math.max(lastTaskEnd, event.taskInfo().finishTime());
  }

  /** Waits (at most 30 s) until at least one job ran and every started job has ended. */
  synchronized void awaitQuiet() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while ((started == 0 || ended < started) && System.currentTimeMillis() < deadline) {
      wait(100);
    }
    if (started == 0 || ended < started) {
      throw new IllegalStateException("Spark jobs did not end: " + ended + " of " + started);
    }
  }

  /** Milliseconds from the first job's start to the last job's end. */
  synchronized long jobMillis() {
    return lastJobEnd - firstJobStart;
  }

  synchronized long firstJobStart() {
    return firstJobStart;
  }

  synchronized long lastJobEnd() {
    return lastJobEnd;
  }

  /** Epoch millis at which the last task finished. */
  synchronized long lastTaskEnd() {
    return lastTaskEnd;
  }
}
