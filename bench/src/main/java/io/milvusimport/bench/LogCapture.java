package io.milvusimport.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps the connector's and the stand-in's log lines with their timestamps while the commit
 * benchmark runs: the stand-in logs each job's creation and completion, the committer its own
 * overhead, so no timing code is needed in the connector itself. Log4j 2 is Spark's logging
 * back-end.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
  private static final String LOGGER = "io.milvusimport";

  /** A captured line: when it was logged, and its text. */
  static final class Line {
    final long millis;
    final String text;

    Line(long millis, String text) {
      this.millis = millis;
      this.text = text;
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final LoggerConfig logger;

  private LogCapture() {
    super("bench-capture", null, null, true, Property.EMPTY_ARRAY);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    logger = config.getLoggerConfig(LOGGER);
    start();
    logger.addAppender(this, Level.INFO, null);
    context.updateLoggers();
  }

  static LogCapture open() {
    return new LogCapture();
  }

  @Override
  public synchronized void append(LogEvent event) {
    lines.add(new Line(event.getTimeMillis(), event.getMessage().getFormattedMessage()));
  }

  /** Lines matching {@code regex} (found anywhere in the text), in order. */
  synchronized List<Matcher> matching(String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<Matcher> found = new ArrayList<>();
    for (Line line : lines) {
      Matcher m = pattern.matcher(line.text);
      if (m.find()) {
        found.add(m);
      }
    }
    return found;
  }

  /** Timestamps of the lines matching {@code regex}. */
  synchronized List<Long> times(String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<Long> found = new ArrayList<>();
    for (Line line : lines) {
      if (pattern.matcher(line.text).find()) {
        found.add(line.millis);
      }
    }
    return found;
  }

  @Override
  public void close() {
    logger.removeAppender(getName());
    ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    stop();
  }
}
