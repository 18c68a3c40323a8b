package io.milvusimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line run as a separate JVM (class path: the connector's classes, Jackson, SLF4J API)
 * against a 3.0.2 stand-in holding rows imported with {@code df.write}; asserts on the exit codes,
 * the parsed {@code --json} output and what the stand-in holds afterwards.
 */
@Tag("e2e")
class CliEndToEndTest {
  private static final String TOKEN = "cli_user:Tok3n-never-printed";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ImportTestBed bed;
  private static CliProcess cli;

  @BeforeAll
  static void startStack() {
    bed =
        ImportTestBed.start(
            MilvusStandIn.builder().serverVersion("3.0.2").stepDelay(Duration.ofMillis(20)), TOKEN);
    cli = CliProcess.withRuntimeLibraries();
  }

  @AfterAll
  static void stopStack() {
    if (cli != null) {
      assertThat(cli.allOutput()).doesNotContain(TOKEN).doesNotContain("Tok3n");
    }
    bed.close();
  }

  @AfterEach
  void resetStandIn() {
    bed.standIn().restoreStepDelay(Duration.ofMillis(20));
  }

  private static String collectionWith(long firstId, long rows) {
    String collection = bed.createDocsCollection(4);
    importRows(collection, firstId, rows);
    return collection;
  }

  private static void importRows(String collection, long firstId, long rows) {
    bed.writer(
            bed.docs(rows, 4, 2).selectExpr("id + " + firstId + " as id", "embedding", "text"),
            collection,
            "s3a://" + bed.bucket() + "/cli/")
        .save();
  }

  /** Runs the CLI with the token in MILVUS_TOKEN and --uri of the stand-in appended. */
  private static CliProcess.Result snapshot(String... args)
      throws IOException, InterruptedException {
    String[] full = new String[args.length + 3];
    full[0] = "snapshot";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--uri";
    full[args.length + 2] = bed.standIn().uri();
    return cli.run(Map.of("MILVUS_TOKEN", TOKEN), full);
  }

  /** A collection of {@code rows} imported rows with a snapshot "s1" taken by the CLI. */
  private static String withSnapshotS1(long rows) throws IOException, InterruptedException {
    String collection = collectionWith(0, rows);
    CliProcess.Result created = snapshot("create", "--collection", collection, "--snapshot", "s1");
    assertThat(created.code).as("%s", created).isZero();
    return collection;
  }

  /** {@code snapshot restore} of "s1" into {@code target}, with {@code more} flags. */
  private static CliProcess.Result restoreS1(String collection, String target, String... more)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of("restore", "--collection", collection, "--snapshot", "s1", "--target", target));
    args.addAll(List.of(more));
    return snapshot(args.toArray(new String[0]));
  }

  private static TreeSet<Long> ids(String collection) {
    return bed.standIn().rows("default", collection).stream()
        .map(r -> ((Number) r.get("id")).longValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void createListDescribeRestoreWaitJobsDropThroughTheCommandLine() throws Exception {
    String collection = collectionWith(0, 60);

    CliProcess.Result created =
        snapshot(
            "create",
            "--collection",
            collection,
            "--snapshot",
            "nightly",
            "--description",
            "before the load",
            "--compaction-protection",
            "1h");
    assertThat(created.code).as("%s", created).isZero();
    assertThat(created.out).contains("Created snapshot 'nightly' of default." + collection);
    assertThat(bed.standIn().snapshotNames("default", collection)).containsExactly("nightly");
    importRows(collection, 1000, 15);

    CliProcess.Result listed = snapshot("list", "--collection", collection, "--json");
    assertThat(listed.code).as("%s", listed).isZero();
    JsonNode list = JSON.readTree(listed.out);
    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("name").asText()).isEqualTo("nightly");
    assertThat(list.get(0).path("collection").asText()).isEqualTo(collection);
    assertThat(list.get(0).path("partitions").get(0).asText()).isEqualTo("_default");

    CliProcess.Result table = snapshot("list", "--collection", collection);
    assertThat(table.out.lines().findFirst().orElse(""))
        .startsWith("NAME")
        .contains("CREATED", "PARTITIONS", "DESCRIPTION");
    assertThat(table.out).contains("nightly", "before the load");

    CliProcess.Result described =
        snapshot("describe", "--collection", collection, "--snapshot", "nightly", "--json");
    JsonNode snap = JSON.readTree(described.out);
    assertThat(snap.path("description").asText()).isEqualTo("before the load");
    assertThat(snap.path("createTs").asLong() >> 18)
        .isEqualTo(java.time.Instant.parse(snap.path("createdAt").asText()).toEpochMilli());

    bed.standIn().restoreStepDelay(Duration.ofMillis(400));
    String target = collection + "_restored";
    CliProcess.Result restored =
        snapshot(
            "restore",
            "--collection",
            collection,
            "--snapshot",
            "nightly",
            "--target",
            target,
            "--wait",
            "--timeout",
            "60s");
    assertThat(restored.code).as("%s", restored).isZero();
    List<String> progress =
        restored.out.lines().filter(l -> l.startsWith("restore job ")).collect(Collectors.toList());
    assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
    assertThat(progress.get(progress.size() - 1)).endsWith(": RestoreSnapshotCompleted 100%");
    assertThat(restored.out).doesNotContain("\r");
    assertThat(bed.standIn().rows("default", collection)).hasSize(75);
    TreeSet<Long> restoredIds = ids(target);
    assertThat(restoredIds).hasSize(60);
    assertThat(restoredIds.first()).isZero();
    assertThat(restoredIds.last()).isEqualTo(59L);
    String jobId = progress.get(0).substring("restore job ".length()).split(":")[0];

    CliProcess.Result jobs = snapshot("jobs", "--target-collection", target, "--json");
    assertThat(jobs.code).as("%s", jobs).isZero();
    JsonNode jobList = JSON.readTree(jobs.out);
    assertThat(jobList).hasSize(1);
    assertThat(jobList.get(0).path("jobId").asText()).isEqualTo(jobId);
    assertThat(jobList.get(0).path("targetCollection").asText()).isEqualTo(target);
    CliProcess.Result jobsTable = snapshot("jobs");
    assertThat(jobsTable.out).contains("JOB ID", jobId, "default." + target);

    CliProcess.Result job = snapshot("job", "--job-id", jobId, "--json");
    JsonNode described2 = JSON.readTree(job.out);
    assertThat(described2.path("state").asText()).isEqualTo("RestoreSnapshotCompleted");
    assertThat(described2.path("progress").asInt()).isEqualTo(100);
    assertThat(described2.path("snapshot").asText()).isEqualTo("nightly");

    CliProcess.Result dropped =
        snapshot("drop", "--collection", collection, "--snapshot", "nightly", "--json");
    assertThat(dropped.code).as("%s", dropped).isZero();
    assertThat(JSON.readTree(dropped.out).path("dropped").asBoolean()).isTrue();
    assertThat(bed.standIn().snapshotNames("default", collection)).isEmpty();
    CliProcess.Result again = snapshot("drop", "--collection", collection, "--snapshot", "nightly");
    assertThat(again.code).isZero();
    assertThat(again.out).contains("No snapshot 'nightly' of default." + collection, "nothing");
  }

  @Test
  void rollbackThroughAnAliasMakesTheAliasServeTheSnapshotsRows() throws Exception {
    // 40 good rows, snapshot s1, then a bad import of 25 more: the alias must serve the 40 again.
    String collection = withSnapshotS1(40);
    String alias = collection + "_live";
    bed.standIn().createAlias("default", alias, collection);
    importRows(alias, 1000, 25);
    assertThat(ids(collection)).hasSize(65);

    CliProcess.Result rolled =
        snapshot(
            "rollback",
            "--collection",
            alias,
            "--snapshot",
            "s1",
            "--target",
            collection + "_r",
            "--json");

    assertThat(rolled.code).as("%s", rolled).isZero();
    JsonNode result = JSON.readTree(rolled.out);
    assertThat(result.path("alias").asText()).isEqualTo(alias);
    assertThat(result.path("restoredCollection").asText()).isEqualTo(collection + "_r");
    assertThat(result.path("previousDropped").asBoolean()).isFalse();
    assertThat(bed.standIn().aliasTarget("default", alias)).isEqualTo(collection + "_r");
    assertThat(ids(collection + "_r"))
        .containsExactlyElementsOf(LongStream.range(0, 40).boxed().collect(Collectors.toList()));
    assertThat(ids(collection)).as("the collection rolled back from is kept").hasSize(65);
  }

  @Test
  void restoreWithoutWaitPrintsTheJobAndHowToFollowIt() throws Exception {
    String collection = withSnapshotS1(10);

    CliProcess.Result started = restoreS1(collection, collection + "_copy", "--json");

    assertThat(started.code).as("%s", started).isZero();
    JsonNode job = JSON.readTree(started.out);
    assertThat(job.path("targetCollection").asText()).isEqualTo(collection + "_copy");
    assertThat(job.path("jobId").asText()).isNotEmpty();
    CliProcess.Result text = restoreS1(collection, collection + "_copy2");
    assertThat(text.out).contains("Follow it with: snapshot job --job-id ");
  }

  @Test
  void onATerminalRestoreWaitRedrawsAProgressBarAndEndsItsLine() throws Exception {
    String collection = withSnapshotS1(10);
    bed.standIn().restoreStepDelay(Duration.ofMillis(400));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cli.Streams terminal =
        new Cli.Streams(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            true);

    int code =
        new Cli(Map.of("MILVUS_TOKEN", TOKEN), terminal)
            .run(
                "snapshot",
                "restore",
                "--uri",
                bed.standIn().uri(),
                "--collection",
                collection,
                "--snapshot",
                "s1",
                "--target",
                collection + "_bar",
                "--wait");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed.split("\r\\[", -1)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(printed)
        .contains("\r[##############################] 100% RestoreSnapshotCompleted\n")
        .doesNotContain("restore job ");
    assertThat(bed.standIn().rows("default", collection + "_bar")).hasSize(10);
  }

  @Test
  void aWaitThatRunsOutOfTimeExitsOneAndSaysHowToFollowTheJob() throws Exception {
    String collection = withSnapshotS1(10);
    bed.standIn().restoreStepDelay(Duration.ofSeconds(2));

    CliProcess.Result result =
        restoreS1(collection, collection + "_slow", "--wait", "--timeout", "1s");

    assertThat(result.code).as("%s", result).isEqualTo(1);
    assertThat(result.err)
        .contains("is still RestoreSnapshot", "keeps running", "snapshot job --job-id ");
  }

  @Test
  void aMissingSnapshotFailsWithExitOneNamingIt() throws Exception {
    String collection = bed.createDocsCollection(4);

    CliProcess.Result result =
        snapshot("describe", "--collection", collection, "--snapshot", "nope", "--json");

    assertThat(result.code).as("%s", result).isEqualTo(1);
    assertThat(result.err).contains("error: ", "nope", collection);
    JsonNode error = JSON.readTree(result.out);
    assertThat(error.path("error").asText()).isEqualTo("SnapshotNotFoundException");
    assertThat(error.path("exitCode").asInt()).isEqualTo(1);
  }

  @Test
  void aFailedRestoreExitsOneWithTheReason() throws Exception {
    String collection = withSnapshotS1(10);
    bed.standIn().failNextRestore("segment copy failed: disk full");

    CliProcess.Result result = restoreS1(collection, collection + "_bad", "--wait");

    assertThat(result.code).as("%s", result).isEqualTo(1);
    assertThat(result.out).contains("RestoreSnapshotFailed");
    assertThat(result.err).contains("ended RestoreSnapshotFailed", "disk full");
  }

  @Test
  void usageErrorsExitTwoBeforeAnythingReachesMilvus() throws Exception {
    String collection = collectionWith(0, 5);

    CliProcess.Result token =
        cli.run(
            Map.of(),
            "snapshot",
            "create",
            "--uri",
            bed.standIn().uri(),
            "--collection",
            collection,
            "--snapshot",
            "s1",
            "--token",
            TOKEN);
    CliProcess.Result badName =
        snapshot("create", "--collection", collection, "--snapshot", "bad-name");
    CliProcess.Result missing = snapshot("restore", "--collection", collection);

    assertThat(token.code).isEqualTo(2);
    assertThat(token.err).contains("--token is not accepted", "MILVUS_TOKEN");
    assertThat(badName.code).isEqualTo(2);
    assertThat(badName.err).contains("bad-name");
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err).contains("needs --snapshot NAME");
    assertThat(bed.standIn().snapshotNames("default", collection)).isEmpty();
  }

  @Test
  void aWrongTokenFailsWithExitOneAndNoTokenInTheOutput() throws Exception {
    CliProcess.Result result =
        cli.run(
            Map.of("MILVUS_TOKEN", "cli_user:Wr0ng-secret"),
            "snapshot",
            "jobs",
            "--uri",
            bed.standIn().uri(),
            "--retries",
            "0");

    assertThat(result.code).as("%s", result).isEqualTo(1);
    assertThat(result.err)
        .contains("error: Milvus refused the credentials", "MILVUS_TOKEN or --token-file");
    assertThat(result.out + result.err).doesNotContain("Wr0ng");
  }

  @Test
  void theTokenCanComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");

    CliProcess.Result result =
        cli.run(
            Map.of(),
            "snapshot",
            "jobs",
            "--uri",
            bed.standIn().uri(),
            "--token-file",
            file.toString(),
            "--json");

    assertThat(result.code).as("%s", result).isZero();
    assertThat(JSON.readTree(result.out).isArray()).isTrue();
  }

  @Test
  void withoutJacksonOnTheClassPathTheToolSaysWhatToAdd() throws Exception {
    CliProcess.Result result = CliProcess.withoutLibraries().run(Map.of(), "snapshot", "--help");

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err)
        .contains("needs jackson-databind.jar", "slf4j-api.jar", "io.milvusimport.cli.Main")
        .doesNotContain("NoClassDefFoundError");
  }

  @Test
  void theClassPathHoldsNeitherSparkNorHadoop() {
    assertThat(cli.classPath())
        .hasSize(5)
        .extracting(p -> Path.of(p).getFileName().toString())
        .noneMatch(name -> name.contains("spark") || name.contains("hadoop"));
  }
}
