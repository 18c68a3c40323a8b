package io.milvusimport.testkit;

import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The pieces an end-to-end write test needs together: the shared Spark session and local S3, one
 * Milvus stand-in reading the {@value #BUCKET} bucket, collections with unique names, and a
 * generated DataFrame whose values are known row by row.
 */
public final class ImportTestBed implements AutoCloseable {
  public static final String BUCKET = "milvus-bucket";
  public static final String TOKEN = "root:Milvus";
  private static final AtomicInteger COLLECTIONS = new AtomicInteger();

  private final SparkSession spark;
  private final LocalS3 s3;
  private final MilvusStandIn standIn;
  private final String token;
  private final String bucket;

  private ImportTestBed(SparkSession spark, MilvusStandIn.Builder standIn, boolean readS3) {
    this(spark, standIn, readS3, TOKEN, BUCKET);
  }

  private ImportTestBed(
      SparkSession spark,
      MilvusStandIn.Builder standIn,
      boolean readS3,
      String token,
      String bucket) {
    this.spark = spark;
    this.s3 = LocalS3.shared();
    this.bucket = bucket;
    s3.createBucket(bucket);
    if (readS3) {
      standIn.s3(s3.endpoint(), s3.accessKey(), s3.secretKey(), bucket);
    }
    this.token = token;
    this.standIn = standIn.token(token).start();
  }

  /** As {@link #start(MilvusStandIn.Builder)}, with a stand-in accepting {@code token} only. */
  public static ImportTestBed start(MilvusStandIn.Builder standIn, String token) {
    return new ImportTestBed(SparkTestSession.get(), standIn, true, token, BUCKET);
  }

  /** The bearer token the stand-in accepts. */
  public String token() {
    return token;
  }

  /**
   * A test bed whose stand-in reads the bucket {@value FaultyS3#BUCKET} straight from the local S3,
   * while Spark stages there through {@link FaultyS3#shared()}, which fails the requests a test
   * chooses.
   */
  public static ImportTestBed startBehindFaultyS3(MilvusStandIn.Builder standIn) {
    FaultyS3.shared();
    return new ImportTestBed(SparkTestSession.get(), standIn, true, TOKEN, FaultyS3.BUCKET);
  }

  /** The bucket the stand-in reads and tests stage in. */
  public String bucket() {
    return bucket;
  }

  /** A test bed whose stand-in reads the local S3 bucket, with fast job steps. */
  public static ImportTestBed start() {
    return new ImportTestBed(
        SparkTestSession.get(), MilvusStandIn.builder().stepDelay(Duration.ofMillis(20)), true);
  }

  /**
   * A test bed whose stand-in reads import paths from the local file system, as Milvus does on
   * local storage.
   */
  public static ImportTestBed startLocalStorage() {
    return new ImportTestBed(
        SparkTestSession.get(),
        MilvusStandIn.builder().localStorage().stepDelay(Duration.ofMillis(20)),
        false);
  }

  /** As {@link #startLocalStorage()}, with a stand-in configured by the caller. */
  public static ImportTestBed startLocalStorage(MilvusStandIn.Builder standIn) {
    return new ImportTestBed(SparkTestSession.get(), standIn.localStorage(), false);
  }

  /** A test bed with a stand-in configured by the caller (S3 source and token are set here). */
  public static ImportTestBed start(MilvusStandIn.Builder standIn) {
    return new ImportTestBed(SparkTestSession.get(), standIn, true);
  }

  /**
   * A test bed on a {@code local-cluster} session (executors in JVMs of their own) whose stand-in
   * reads the local S3 bucket.
   */
  public static ImportTestBed startOnCluster(SparkTestSession.Serializer serializer) {
    return new ImportTestBed(
        SparkTestSession.cluster(serializer),
        MilvusStandIn.builder().stepDelay(Duration.ofMillis(20)),
        true);
  }

  public SparkSession spark() {
    return spark;
  }

  public LocalS3 s3() {
    return s3;
  }

  public MilvusStandIn standIn() {
    return standIn;
  }

  /**
   * Creates {@code id Int64 primary key, embedding FloatVector(dim), text VarChar(64)} under a
   * fresh name and returns the name.
   */
  public String createDocsCollection(int dim) {
    String name = "docs_" + COLLECTIONS.incrementAndGet();
    standIn.createCollection("default", docsCollectionBody(name, dim, 64));
    return name;
  }

  /** The create-collection body (contract §2) of the docs collection the tests and demo use. */
  public static String docsCollectionBody(String name, int dim, int maxLength) {
    return "{\"collectionName\":\""
        + name
        + "\",\"schema\":{\"autoID\":false,\"enableDynamicField\":false,\"fields\":["
        + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
        + "{\"fieldName\":\"embedding\",\"dataType\":\"FloatVector\","
        + "\"elementTypeParams\":{\"dim\":\""
        + dim
        + "\"}},"
        + "{\"fieldName\":\"text\",\"dataType\":\"VarChar\","
        + "\"elementTypeParams\":{\"max_length\":\""
        + maxLength
        + "\"}}]}}";
  }

  /** Creates a partition through the stand-in's REST API, as a user would. */
  public void createPartition(String collection, String partition) {
    post(
        "partitions/create",
        "{\"collectionName\":\"" + collection + "\",\"partitionName\":\"" + partition + "\"}");
  }

  /**
   * POSTs {@code body} to the stand-in's {@code /v2/vectordb/<endpoint>} as another Milvus client
   * would; fails unless Milvus answers code 0.
   */
  public void post(String endpoint, String body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(standIn.uri() + "/v2/vectordb/" + endpoint))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      String answer =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
      if (!answer.contains("\"code\":0")) {
        throw new IllegalStateException(endpoint + " failed: " + answer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Rows {@code id, embedding = [(id*dim+i)/10], text = "doc-<id>"} in {@code partitions}. */
  public Dataset<Row> docs(long rows, int dim, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .selectExpr(
            "id",
            "transform(sequence(0, "
                + (dim - 1)
                + "), i -> cast((id * "
                + dim
                + " + i) / 10.0 as float)) as embedding",
            "concat('doc-', id) as text");
  }

  /** The vector {@link #docs} generates for {@code id}. */
  public static List<Float> expectedVector(long id, int dim) {
    List<Float> vector = new ArrayList<>(dim);
    for (int i = 0; i < dim; i++) {
      vector.add((float) ((id * dim + i) / 10.0));
    }
    return vector;
  }

  /**
   * A writer with the options every write needs, staging row JSON ({@code format=json}: the tests
   * built on it were written when json was the default and assert on its files); tests add or
   * override the rest. {@link #writerWithDefaultFormat} leaves the format to the connector.
   */
  public DataFrameWriter<Row> writer(Dataset<Row> df, String collection, String stagingPath) {
    return writerWithDefaultFormat(df, collection, stagingPath).option("format", "json");
  }

  /** As {@link #writer}, without option {@code format}: the default, {@code auto}. */
  public DataFrameWriter<Row> writerWithDefaultFormat(
      Dataset<Row> df, String collection, String stagingPath) {
    return df.write()
        .format("milvus-import")
        .mode("append")
        .option("uri", standIn.uri())
        .option("token", token)
        .option("collection", collection)
        .option("stagingPath", stagingPath)
        .option("pollInterval", "20ms");
  }

  /**
   * Object keys of staged import files under {@code prefix}, leaving out the directory markers S3A
   * keeps for the staging root, the writes' manifests ({@code _manifest.json}, {@code _files.json})
   * and the completion records ({@code _completed/<writeId>.json}) successful writes leave.
   */
  public List<String> stagedKeys(String prefix) {
    awaitRunningTasks();
    List<String> keys = new ArrayList<>(s3.listKeys(bucket, prefix));
    keys.removeIf(
        key ->
            key.endsWith("/")
                || key.endsWith("/_manifest.json")
                || key.endsWith("/_files.json")
                || key.contains("/_completed/"));
    return keys;
  }

  /**
   * Waits until no Spark task is running. When one task fails, Spark fails the job and the driver
   * aborts the write while sibling tasks may still be writing; those tasks delete their own files
   * when their commit is denied or they are killed, a moment later. Listing before then would catch
   * a file on its way out.
   */
  private void awaitRunningTasks() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (running() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Spark tasks still running after 60 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private int running() {
    int tasks = 0;
    for (var executor : spark.sparkContext().statusTracker().getExecutorInfos()) {
      tasks += executor.numRunningTasks();
    }
    return tasks;
  }

  /** Object keys of write manifests ({@code <writeId>/_manifest.json}) under {@code prefix}. */
  public List<String> manifestKeys(String prefix) {
    List<String> keys = new ArrayList<>(s3.listKeys(bucket, prefix));
    keys.removeIf(key -> !key.endsWith("/_manifest.json"));
    return keys;
  }

  /** Imported rows of a collection in the default database. */
  public List<Map<String, Object>> imported(String collection) {
    return standIn.rows("default", collection);
  }

  @Override
  public void close() {
    standIn.close();
  }
}
