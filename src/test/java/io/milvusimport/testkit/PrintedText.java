package io.milvusimport.testkit;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Everything a write prints where people can read it, collected while open: every log line at INFO
 * and above (Spark's included, with stack traces), the plans Spark shows for the write ({@code
 * explain} strings of its {@link QueryExecution}) and what the SQL UI gets (the description,
 * details, plan description and changed settings of each SQL execution). Tests assert secrets are
 * in none of it.
 */
public final class PrintedText implements AutoCloseable {
  private final SparkSession spark;
  private final List<String> texts = new ArrayList<>();
  private final Appender appender = new Appender();
  private final Listener listener = new Listener();
  private final Plans plans = new Plans();
  private final Level rootLevel;
  private int executionStarts;
  private int planReports;

  public PrintedText(SparkSession spark) {
    this.spark = spark;
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender.start();
    LoggerConfig root = config.getRootLogger();
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO);
    root.addAppender(appender, Level.INFO, null);
    context.updateLoggers();
    spark.sparkContext().addSparkListener(listener);
    spark.listenerManager().register(plans);
  }

  /** Everything collected so far, one entry per log line, plan or UI text. */
  public synchronized List<String> texts() {
    return new ArrayList<>(texts);
  }

  /**
   * Waits up to 10 s for Spark's asynchronous listeners to report {@code writes} executions: their
   * start (SQL UI) and their end (plans).
   */
  public void awaitWrites(int writes) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        if (executionStarts >= writes && planReports >= writes) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("Spark's listeners did not report " + writes + " writes");
  }

  private synchronized void add(String text) {
    texts.add(text);
  }

  @Override
  public void close() {
    spark.listenerManager().unregister(plans);
    spark.sparkContext().removeSparkListener(listener);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.removeAppender(appender.getName());
    root.setLevel(rootLevel);
    context.updateLoggers();
    appender.stop();
  }

  private final class Appender extends AbstractAppender {
    Appender() {
      super("printed-text", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
      for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
        line.append('\n').append(t);
      }
      add(line.toString());
    }
  }

  private final class Listener extends SparkListener {
    @Override
    public void onOtherEvent(SparkListenerEvent event) {
      if (event instanceof SparkListenerSQLExecutionStart) {
        SparkListenerSQLExecutionStart start = (SparkListenerSQLExecutionStart) event;
        add(start.description());
        add(start.details());
        add(start.physicalPlanDescription());
        add(start.modifiedConfigs().toString());
        synchronized (PrintedText.this) {
          executionStarts++;
        }
      }
    }
  }

  private final class Plans implements QueryExecutionListener {
    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      add(qe.toString());
      add(qe.explainString(org.apache.spark.sql.execution.ExtendedMode$.MODULE$));
      synchronized (PrintedText.this) {
        planReports++;
      }
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {
      add(qe.toString());
      add(String.valueOf(exception));
    }
  }
}
