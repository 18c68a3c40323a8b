package io.milvusimport.testkit;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session at a time per test JVM, wired to {@link LocalS3#shared()} through S3A. Most
 * tests share the {@code local[2,3]} session and pay Spark's start-up once; the tests of what
 * crosses to executors ask for a {@code local-cluster} session, whose executors run in JVMs of
 * their own, so objects really are serialized on their way there and back. The bucket {@value
 * FaultyS3#BUCKET} goes through {@link FaultyS3#shared()}. Spark allows one context per JVM: asking
 * for the other kind stops the current one.
 */
public final class SparkTestSession {
  /**
   * Spark's serializers for task results and broadcasts (the closure serializer is always Java).
   */
  public enum Serializer {
    JAVA("org.apache.spark.serializer.JavaSerializer"),
    KRYO("org.apache.spark.serializer.KryoSerializer");

    private final String className;

    Serializer(String className) {
      this.className = className;
    }
  }

  private static SparkSession session;
  private static String kind;
  private static boolean hookAdded;

  private SparkTestSession() {}

  /**
   * The shared {@code local[2,3]} session (tasks may run 3 times, so task retries are real) (UI
   * off, 2 shuffle partitions, S3A to the local S3).
   */
  public static synchronized SparkSession get() {
    return switchTo("local", base().master("local[2,3]"));
  }

  /**
   * A {@code local-cluster} session: a master and two workers in this JVM, each launching one
   * single-core executor JVM with 1 GB, which sees only the connector's classes (plus the test
   * classes, for test UDFs) and the jars of a Spark home made from this class path. Tasks may run
   * four times, so a retried task or a lost executor is survivable.
   */
  public static synchronized SparkSession cluster(Serializer serializer) {
    LocalSparkHome.prepare();
    SparkSession.Builder b =
        base()
            .master("local-cluster[2,1,1024]")
            .config("spark.serializer", serializer.className)
            .config("spark.task.maxFailures", "4")
            .config("spark.executor.extraClassPath", LocalSparkHome.connectorClasses())
            .config("spark.executor.extraJavaOptions", LocalSparkHome.moduleFlags());
    return switchTo("cluster-" + serializer, b);
  }

  private static SparkSession.Builder base() {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("milvus-import-tests")
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
    return b;
  }

  private static SparkSession switchTo(String wanted, SparkSession.Builder builder) {
    if (session != null && wanted.equals(kind)) {
      return session;
    }
    stopQuietly();
    session = builder.getOrCreate();
    kind = wanted;
    if (!hookAdded) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SparkTestSession::stopQuietly, "spark-test-session-stop"));
      hookAdded = true;
    }
    return session;
  }

  private static synchronized void stopQuietly() {
    if (session != null) {
      try {
        session.stop();
      } catch (RuntimeException ignored) {
        // JVM is exiting or the next session replaces this one
      }
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
      session = null;
      kind = null;
    }
  }
}
