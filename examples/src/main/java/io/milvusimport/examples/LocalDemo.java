package io.milvusimport.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The README's demo: bulk-loads a generated DataFrame (Int64 id, 768-d float embedding, VarChar
 * text) with {@code df.write().format("milvus-import")} on the local default stack: local Spark, a
 * real S3 server (S3Proxy) reached through S3A, and the Milvus stand-in (not Milvus) reading the
 * staged files from that S3 bucket. Flags: {@code --rows N}, {@code --dim D}, {@code --partitions
 * P}, {@code --format F}, {@code --keep} (keep the staged files and print where they are).
 */
public final class LocalDemo {
  private static final String BUCKET = "milvus-bucket";
  private static final String TOKEN = "root:Milvus";
  private static final String COLLECTION = "demo_docs";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalDemo() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = parseFlags(args);
    long rows = Long.parseLong(flags.getOrDefault("rows", "100000"));
    int dim = Integer.parseInt(flags.getOrDefault("dim", "768"));
    int partitions = Integer.parseInt(flags.getOrDefault("partitions", "4"));
    // No --format: the connector's default, format=auto (npy here: the collection fits it).
    String format = flags.get("format");
    boolean keep = flags.containsKey("keep");

    String summary;
    // With --keep the local S3 keeps its objects as plain files under target/demo-s3/.
    Path s3Data = keep ? Path.of("target", "demo-s3").toAbsolutePath() : null;
    try (LocalS3 s3 = LocalS3.start(s3Data)) {
      s3.createBucket(BUCKET);
      try (MilvusStandIn milvus =
          MilvusStandIn.builder()
              .token(TOKEN)
              .s3(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET)
              .stepDelay(Duration.ofMillis(200))
              .start()) {
        System.out.println("local S3 (S3Proxy) at " + s3.endpoint());
        System.out.println("Milvus stand-in (not Milvus) at " + milvus.uri());
        milvus.createCollection("default", ImportTestBed.docsCollectionBody(COLLECTION, dim, 256));

        SparkSession.Builder builder =
            SparkSession.builder()
                .appName("milvus-import-demo")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
        s3.hadoopOptions().forEach((k, v) -> builder.config("spark.hadoop." + k, v));
        SparkSession spark = builder.getOrCreate();
        try {
          Dataset<Row> df =
              spark
                  .range(0, rows, 1, partitions)
                  .selectExpr(
                      "id",
                      "transform(sequence(1, "
                          + dim
                          + "), i -> cast((hash(id, i) % 10000) / 10000.0"
                          + " as float)) as embedding",
                      "concat('document number ', id) as text");
          long started = System.nanoTime();
          DataFrameWriter<Row> writer =
              df.write()
                  .format("milvus-import")
                  .mode("append")
                  .option("uri", milvus.uri())
                  .option("token", TOKEN)
                  .option("collection", COLLECTION)
                  .option("stagingPath", "s3a://" + BUCKET + "/staging/")
                  .option("pollInterval", "200ms")
                  .option("keepStagedFiles", String.valueOf(keep));
          if (format != null) {
            writer = writer.option("format", format);
          }
          writer.save();
          long millis = (System.nanoTime() - started) / 1_000_000;

          long imported = 0;
          for (String jobId : listJobIds(milvus.uri())) {
            JsonNode job =
                post(milvus.uri(), "jobs/import/describe", "{\"jobId\":\"" + jobId + "\"}");
            System.out.println(
                "import job "
                    + jobId
                    + ": "
                    + job.path("state").asText()
                    + ", "
                    + job.path("importedRows").asLong()
                    + " rows, staged as "
                    + stagedFormat(job));
            imported += job.path("importedRows").asLong();
          }
          if (keep) {
            System.out.println(
                "staged files kept (s3a:// keys, stored as plain files under " + s3Data + "):");
            s3.listKeys(BUCKET, "staging/")
                .forEach(k -> System.out.println("  s3a://" + BUCKET + "/" + k));
          }
          System.out.println("write took " + millis + " ms");
          summary = "imported " + imported + " rows into " + COLLECTION;
        } finally {
          spark.stop();
        }
      }
    }
    // The last line, after the local stack has stopped: what the stand-in reports imported.
    System.out.println(summary);
  }

  /** The staged format, from the extension of the first file the job read. */
  private static String stagedFormat(JsonNode job) {
    String file = job.path("details").path(0).path("fileName").asText("");
    String first = file.replaceAll("^\\[", "").split("[ \\]]")[0];
    int dot = first.lastIndexOf('.');
    return dot < 0 ? "?" : first.substring(dot + 1);
  }

  private static List<String> listJobIds(String uri) throws Exception {
    JsonNode data = post(uri, "jobs/import/list", "{\"collectionName\":\"" + COLLECTION + "\"}");
    List<String> ids = new ArrayList<>();
    data.path("records").forEach(r -> ids.add(r.path("jobId").asText()));
    return ids;
  }

  private static JsonNode post(String uri, String endpoint, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri + "/v2/vectordb/" + endpoint))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (answer.path("code").asInt() != 0) {
      throw new IllegalStateException(endpoint + " failed: " + answer);
    }
    return answer.path("data");
  }

  private static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (name.equals("keep")) {
        flags.put(name, "true");
      } else if (i + 1 < args.length) {
        flags.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("flag --" + name + " needs a value");
      }
    }
    return flags;
  }
}
