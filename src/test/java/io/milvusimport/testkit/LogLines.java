package io.milvusimport.testkit;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the log lines of one logger (the tests' SLF4J goes to Log4j 2, as in Spark) while open,
 * for tests whose only observable outcome is what the connector tells the user in its log.
 */
public final class LogLines implements AutoCloseable {
  private final Logger logger;
  private final AbstractAppender appender;
  private final List<String> lines = new ArrayList<>();

  private LogLines(String loggerName) {
    this.logger = (Logger) LogManager.getLogger(loggerName);
    this.appender =
        new AbstractAppender("log-lines-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            synchronized (lines) {
              lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
          }
        };
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts collecting what the logger of that name (a class name) writes. */
  public static LogLines of(String loggerName) {
    return new LogLines(loggerName);
  }

  /** The lines so far, as {@code "LEVEL message"}. */
  public List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    appender.stop();
  }
}
