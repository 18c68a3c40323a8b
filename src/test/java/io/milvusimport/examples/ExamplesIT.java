package io.milvusimport.examples;

import static io.milvusimport.examples.ExampleFiles.argAfter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copyable examples under {@code examples/}, run as a user runs them: the spark-submit job and
 * the EMR step are compiled against Spark alone and submitted through Spark's own launcher with the
 * packaged connector jar (never this build's classes) against the local S3 and the Milvus stand-in;
 * the Python examples, which cannot run here, are held to the job's write calls, in order.
 */
class ExamplesIT {
  private static final String TOKEN = ImportTestBed.TOKEN;
  private static final String MILVUS_BUCKET = ImportTestBed.BUCKET;
  private static final String S3A = "org.apache.hadoop.fs.s3a.S3AFileSystem";
  private static final int ROWS = 500;
  private static final int DIM = 8;

  @TempDir static Path work;
  private static LocalS3 s3;
  private static MilvusStandIn milvus;
  private static Path jobJar;
  private static Path sparkHome;
  private static byte[] docs;

  @BeforeAll
  static void startLocalStackAndBuildTheJob() throws IOException {
    s3 = LocalS3.start();
    s3.createBucket(MILVUS_BUCKET);
    milvus =
        MilvusStandIn.builder()
            .token(TOKEN)
            .s3(s3.endpoint(), s3.accessKey(), s3.secretKey(), MILVUS_BUCKET)
            .stepDelay(Duration.ofMillis(50))
            .start();
    jobJar = SparkSubmitRun.buildJobJar(jobSource(), work);
    sparkHome = SparkSubmitRun.sparkHome(work.resolve("spark-home"), localSparkDefaults());
    docs = ExampleFiles.docsParquet(work, ROWS, DIM);
  }

  @AfterAll
  static void stopLocalStack() {
    if (milvus != null) {
      milvus.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void sparkSubmitScriptBuildsTheJobAgainstSparkAloneAndImportsEveryRow() throws Exception {
    String input = "s3a://my-data/submit/docs/";
    put(input + "part-00000.parquet", docs);
    String collection = createCollection("docs_submit");
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_MASTER", "local[2]");
    env.put("HADOOP_AWS", ""); // hadoop-aws is among the Spark home's jars, as on EMR
    env.put("CONNECTOR_JAR", SparkSubmitRun.connectorJar().toString());
    env.put("BUILD_DIR", work.resolve("submit-build").toString());
    env.put("MILVUS_TOKEN", TOKEN);

    String output =
        SparkSubmitRun.run(
            List.of(
                "bash",
                example("spark-submit/submit.sh").toString(),
                input,
                milvus.uri(),
                collection,
                "s3a://" + MILVUS_BUCKET + "/submit-staging/"),
            env,
            log("spark-submit.log"));

    assertThat(output).contains("milvus-import: loaded " + input + " into " + collection);
    assertImportedEveryRow(collection, "submit-staging/");
  }

  @Test
  void emrStepStagesUnderEmrfsS3SchemeAndSendsBucketKeys() throws Exception {
    List<String> step = ExampleFiles.emrSparkSubmitArgs(example("emr/step.json"));
    int classAt = step.indexOf("--class");
    List<String> app = new ArrayList<>(step.subList(classAt + 2, step.size()));
    assertThat(app).as("job jar, INPUT, MILVUS_URI, COLLECTION, STAGING_PATH").hasSize(5);
    assertThat(List.of(argAfter(step, "--jars"), app.get(0), app.get(1), app.get(4)))
        .as("EMRFS paths")
        .allMatch(path -> path.startsWith("s3://"));
    // The jars and the input go where the step reads them.
    put(argAfter(step, "--jars"), Files.readAllBytes(SparkSubmitRun.connectorJar()));
    put(app.get(0), Files.readAllBytes(jobJar));
    put(app.get(1) + "part-00000.parquet", docs);
    String collection = createCollection(app.get(3));
    URI staging = URI.create(app.get(4));
    assertThat(staging.getHost()).isEqualTo(MILVUS_BUCKET);
    List<String> command = new ArrayList<>();
    command.add(sparkHome.resolve("bin/spark-submit").toString());
    command.addAll(step);
    command.set(command.indexOf(app.get(2)), milvus.uri());

    SparkSubmitRun.run(command, Map.of("MILVUS_TOKEN", TOKEN), log("emr-step.log"));

    assertImportedEveryRow(collection, staging.getPath().substring(1));
  }

  @Test
  void pythonExamplesMakeTheJobsReadAndWriteCallsInItsOrder() throws IOException {
    List<String> job = ExampleFiles.writeCalls(SparkSubmitRun.read(jobSource()));
    assertThat(job)
        .containsExactly(
            "read.parquet",
            "format milvus-import",
            "mode append",
            "option uri = uri",
            "option token = token",
            "option collection = collection",
            "option stagingPath = stagingpath");
    Path pyspark = example("pyspark/milvus_import_job.py");
    Path jupyter = example("notebooks/milvus_import.ipynb");
    Path databricks = example("databricks/milvus_import_databricks.py");
    assertThat(ExampleFiles.writeCalls(SparkSubmitRun.read(pyspark)))
        .as("%s", pyspark)
        .isEqualTo(job);
    assertThat(ExampleFiles.writeCalls(ExampleFiles.jupyterCode(jupyter)))
        .as("%s", jupyter)
        .isEqualTo(job);
    assertThat(ExampleFiles.writeCalls(ExampleFiles.databricksCode(databricks)))
        .as("%s", databricks)
        .isEqualTo(job);
    for (Path python : List.of(pyspark, databricks)) {
      assertThat(SparkSubmitRun.read(python).substring(0, 400))
          .as("%s names its JVM test at the top", python)
          .contains("ExamplesIT");
    }
    assertThat(ExampleFiles.jupyterCode(jupyter)).startsWith("# Same calls as ExamplesIT");
  }

  /** The child JVM's output, kept under {@code target/examples-it/} for a look after a failure. */
  private static Path log(String name) throws IOException {
    Path dir = SparkSubmitRun.connectorJar().resolveSibling("examples-it");
    return Files.createDirectories(dir).resolve(name);
  }

  private static Path example(String relative) {
    return ExampleFiles.dir().resolve(relative);
  }

  private static Path jobSource() {
    return example("spark-submit/src/com/example/milvus/MilvusImportJob.java");
  }

  /**
   * The Spark home's spark-defaults.conf: a local master bound to 127.0.0.1, S3A to the local S3,
   * and S3A serving {@code s3://} as EMRFS does on EMR.
   */
  private static Map<String, String> localSparkDefaults() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.master", "local[2]");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    s3.hadoopOptions().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
    conf.put("spark.hadoop.fs.s3.impl", S3A);
    return conf;
  }

  private static void put(String objectUri, byte[] bytes) {
    URI uri = URI.create(objectUri);
    s3.createBucket(uri.getHost());
    s3.put(uri.getHost(), uri.getPath().substring(1), bytes);
  }

  private static String createCollection(String name) {
    milvus.createCollection("default", ImportTestBed.docsCollectionBody(name, DIM, 64));
    return name;
  }

  /** The stand-in imported every Parquet row once, from object keys under {@code keyPrefix}. */
  private static void assertImportedEveryRow(String collection, String keyPrefix) {
    List<JsonNode> creates = new ArrayList<>();
    milvus.importRequests().stream()
        .filter(r -> r.path("collectionName").asText().equals(collection))
        .forEach(creates::add);
    assertThat(creates).as("import jobs created").isNotEmpty();
    creates.forEach(
        create ->
            create
                .path("files")
                .forEach(file -> assertThat(file.get(0).asText()).startsWith(keyPrefix)));
    List<Map<String, Object>> rows = new ArrayList<>(milvus.rows("default", collection));
    rows.sort(Comparator.comparingLong(row -> (Long) row.get("id")));
    assertThat(rows).as("imported rows").hasSize(ROWS);
    for (int id = 0; id < ROWS; id++) {
      List<Float> vector = new ArrayList<>();
      for (int i = 0; i < DIM; i++) {
        vector.add(ExampleFiles.vectorValue(id, i));
      }
      assertThat(rows.get(id))
          .containsEntry("id", (long) id)
          .containsEntry("embedding", vector)
          .containsEntry("text", "doc " + id);
    }
  }
}
