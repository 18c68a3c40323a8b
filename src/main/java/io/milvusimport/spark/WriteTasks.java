package io.milvusimport.spark;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the running tasks of one write, so the driver's abort can wait for them. When a task
 * fails, Spark fails the job and calls the abort at once, while sibling tasks may still be staging
 * (a kill without interrupt is noticed only at the next row) and their files land after the
 * directory was deleted. The tasks are those of the jobs of the SQL execution that created the
 * write (Spark's {@code spark.sql.execution.id} property, which every stage of the execution
 * carries).
 *
 * <p>Only events' Java-typed fields are read: the jar runs on Scala 2.12 and 2.13 Sparks, and a
 * Scala collection in a signature (such as {@code SparkListenerJobStart.stageIds()}) would fail
 * with {@code NoSuchMethodError} on the other Scala line, inside Spark's listener bus, which then
 * stops the user's SparkContext. For the same reason a failing callback is logged and never thrown.
 */
final class WriteTasks extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(WriteTasks.class);
  private static final String EXECUTION_ID = "spark.sql.execution.id";

  private final SparkContext context;
  private final String executionId;
  private final Set<Integer> stages = new HashSet<>();
  private int running;

  private WriteTasks(SparkContext context, String executionId) {
    this.context = context;
    this.executionId = executionId;
  }

  /** Starts counting; call on the thread that runs the write, before its job starts. */
  static WriteTasks watch(SparkContext context) {
    WriteTasks tasks = new WriteTasks(context, context.getLocalProperty(EXECUTION_ID));
    context.addSparkListener(tasks);
    return tasks;
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted stage) {
    try {
      if (executionId != null
          && stage.properties() != null
          && executionId.equals(stage.properties().getProperty(EXECUTION_ID))) {
        stages.add(stage.stageInfo().stageId());
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("Could not read a stage event; the abort will not wait for its tasks", e);
    }
  }

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart task) {
    if (stages.contains(task.stageId())) {
      running++;
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
    if (stages.contains(task.stageId())) {
      running--;
      notifyAll();
    }
  }

  /**
   * Waits until no task of the write runs any more, at most {@code limit}, then stops listening.
   * Also waits on an interrupted thread (a cancelled write): the point is to clean up after it.
   */
  void awaitEndAndStop(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    boolean interrupted = Thread.interrupted();
    try {
      synchronized (this) {
        if (running > 0) {
          LOG.info(
              "Waiting for {} running tasks of the write to end before deleting its files",
              running);
        }
        while (running > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.warn(
                "{} tasks of the write still run after {}; not waiting longer", running, limit);
            return;
          }
          try {
            wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
    } finally {
      context.removeSparkListener(this);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops listening without waiting. */
  void stop() {
    context.removeSparkListener(this);
  }
}
