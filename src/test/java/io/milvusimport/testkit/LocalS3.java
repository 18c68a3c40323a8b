package io.milvusimport.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 endpoint for tests: S3Proxy 4.1.0 run as a separate JVM on 127.0.0.1, backed by the
 * jclouds {@code filesystem} provider in a temporary directory. A separate process keeps S3Proxy's
 * own Jetty and Jackson away from Spark's classpath.
 *
 * <p>Properties that work with S3Proxy 4.1.0: {@code s3proxy.endpoint=http://127.0.0.1:PORT},
 * {@code s3proxy.authorization=aws-v2-or-v4}, {@code s3proxy.identity}, {@code s3proxy.credential},
 * {@code jclouds.provider=filesystem}, {@code jclouds.filesystem.basedir=DIR}.
 *
 * <p>The test kit's own client is AWS SDK v2's {@code s3} module in test scope: the same on every
 * Spark line, whatever SDK the line's S3A uses.
 */
public final class LocalS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalS3.class);
  private static final long START_TIMEOUT_MS = 60_000;
  private static final String ACCESS_KEY = "local-s3-access";
  private static final String SECRET_KEY = "local-s3-secret-for-tests";
  private static LocalS3 shared;

  private final Process process;
  private final Path dir;
  private final Path log;
  private final int port;
  private final Thread hook;
  private volatile S3Client client;

  private LocalS3(Process process, Path dir, Path log, int port) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.port = port;
    this.hook = new Thread(this::stop, "local-s3-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a new S3Proxy process; waits (at most 60 s) until it answers HTTP. */
  public static LocalS3 start() {
    return start(null);
  }

  /**
   * As {@link #start()}, keeping the objects in {@code dataDir} (one folder per bucket, one file
   * per key) where they outlive the server; null for a temporary directory removed on close.
   */
  public static LocalS3 start(Path dataDir) {
    try {
      Path dir = Files.createTempDirectory("local-s3-");
      Path data =
          Files.createDirectories(dataDir == null ? dir.resolve("data") : dataDir.toAbsolutePath());
      int port = freePort();
      Path props = dir.resolve("s3proxy.properties");
      String text =
          "s3proxy.endpoint=http://127.0.0.1:"
              + port
              + "\n"
              + "s3proxy.authorization=aws-v2-or-v4\n"
              + "s3proxy.identity="
              + ACCESS_KEY
              + "\n"
              + "s3proxy.credential="
              + SECRET_KEY
              + "\n"
              + "jclouds.provider=filesystem\n"
              + "jclouds.filesystem.basedir="
              + data.toAbsolutePath()
              + "\n";
      Files.writeString(props, text);
      String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
      if (!new File(jar).isFile()) {
        throw new IllegalStateException(
            "S3Proxy jar not found at " + jar + "; run: mvn -B -q process-test-resources");
      }
      Path log = dir.resolve("s3proxy.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", props.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      LocalS3 s3 = new LocalS3(p, dir, log, port);
      s3.awaitReady();
      LOG.info("Local S3 (S3Proxy) started at {} pid {}", s3.endpoint(), p.pid());
      return s3;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Proxy", e);
    }
  }

  /** One instance per JVM, started on first use and stopped by the shutdown hook. */
  public static synchronized LocalS3 shared() {
    if (shared == null || !shared.process.isAlive()) {
      shared = start();
    }
    return shared;
  }

  private void awaitReady() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        String out = output();
        stop();
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + " before answering; output:\n" + out);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int status = c.getResponseCode(); // 403 without credentials is an answer too
        c.disconnect();
        if (status > 0) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(200);
    }
    String out = output();
    stop();
    throw new IllegalStateException(
        "S3Proxy did not answer on " + endpoint() + " within 60 s; output:\n" + out);
  }

  private String output() {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() > 8000 ? s.substring(s.length() - 8000) : s;
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** AWS SDK v2 client, path-style, for test set-up and assertions. */
  public S3Client client() {
    S3Client c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = newClient(endpoint(), ACCESS_KEY, SECRET_KEY);
        }
        c = client;
      }
    }
    return c;
  }

  /**
   * A new path-style AWS SDK v2 client for an S3-compatible endpoint (the stand-in builds its own
   * with this, so it never reads staged objects through Hadoop or the connector).
   */
  public static S3Client newClient(String endpoint, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /** Creates the bucket unless it exists. */
  public void createBucket(String bucket) {
    try {
      client().headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException absent) {
      client().createBucket(b -> b.bucket(bucket));
    }
  }

  public List<String> listKeys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object o :
        client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      keys.add(o.key());
    }
    return keys;
  }

  public byte[] read(String bucket, String key) {
    return client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  public void put(String bucket, String key, byte[] data) {
    client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
  }

  /** S3A settings (without the {@code spark.hadoop.} prefix) that reach this server. */
  public Map<String, String> hadoopOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", endpoint());
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    m.put("fs.s3a.access.key", ACCESS_KEY);
    m.put("fs.s3a.secret.key", SECRET_KEY);
    m.put("fs.s3a.change.detection.mode", "none");
    m.put("fs.s3a.change.detection.version.required", "false");
    m.put("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    return m;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // already shutting down: the hook runs stop() anyway
    }
    synchronized (LocalS3.class) {
      if (shared == this) {
        shared = null;
      }
    }
  }

  private void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", root, e.toString());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
    }
  }
}
