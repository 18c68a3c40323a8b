package io.milvusimport.testkit;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM, wired to {@link LocalS3#shared()} through S3A (the bucket
 * {@value FaultyS3#BUCKET} through {@link FaultyS3#shared()}), so every test class pays Spark's and
 * S3Proxy's start-up once.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  /**
   * The shared {@code local[2,3]} session (tasks may run 3 times, so task retries are real) (UI
   * off, 2 shuffle partitions, S3A to the local S3).
   */
  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder b =
          SparkSession.builder()
              .appName("milvus-import-tests")
              .master("local[2,3]")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1");
      for (Map.Entry<String, String> e : LocalS3.shared().hadoopOptions().entrySet()) {
        b.config("spark.hadoop." + e.getKey(), e.getValue());
      }
      // s3a://faulty-bucket/ goes through the fault-injecting proxy.
      for (Map.Entry<String, String> e :
          FaultyS3.shared().hadoopOptions(FaultyS3.BUCKET).entrySet()) {
        b.config("spark.hadoop." + e.getKey(), e.getValue());
      }
      session = b.getOrCreate();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SparkTestSession::stopQuietly, "spark-test-session-stop"));
    }
    return session;
  }

  private static synchronized void stopQuietly() {
    if (session != null) {
      try {
        session.stop();
      } catch (RuntimeException ignored) {
        // JVM is exiting
      }
      session = null;
    }
  }
}
