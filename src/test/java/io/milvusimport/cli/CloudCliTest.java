package io.milvusimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.testkit.LogLines;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code volume} and {@code import} commands run in-process against the Zilliz stand-in: exit
 * codes, tables and {@code --json}, {@code --wait} progress, and that the API key and object store
 * secrets never appear in the output or the logs.
 */
class CloudCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ENV = Map.of("ZILLIZ_API_KEY", ZillizTestBed.API_KEY);
  private static ZillizTestBed bed;
  private static LogLines log;
  private static final List<String> everything = new ArrayList<>();

  private InProcessCli cli;

  @BeforeAll
  static void start() {
    bed = ZillizTestBed.start(b -> b.rateLimit(1000));
    log = LogLines.of("io.milvusimport");
  }

  @AfterAll
  static void stop() {
    List<String> lines = log.lines();
    log.close();
    bed.close();
    assertThat(lines).anyMatch(l -> l.contains("Zilliz Cloud import job"));
    everything.addAll(lines);
    assertThat(String.join("\n", everything))
        .doesNotContain(ZillizTestBed.API_KEY)
        .doesNotContain(ZillizTestBed.URL_SECRET)
        .doesNotContain(ZillizTestBed.URL_TOKEN);
  }

  @BeforeEach
  void newCli() {
    cli = new InProcessCli(bed.zilliz().uri(), everything::add);
  }

  private int run(Map<String, String> env, String... args) {
    return cli.run(env, false, InputStream.nullInputStream(), args);
  }

  private int run(String... args) {
    return run(ENV, args);
  }

  private String out() {
    return cli.out();
  }

  private String err() {
    return cli.err();
  }

  private static final String[] PLACE = {
    "--project-id", ZillizTestBed.PROJECT, "--region-id", ZillizTestBed.REGION
  };

  /** {@code import create} into the bed's cluster from a volume's paths, then {@code more}. */
  static String[] importFromVolume(
      String collection, String volume, List<String> paths, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "import",
                "create",
                "--cluster-id",
                ZillizTestBed.CLUSTER,
                "--collection",
                collection,
                "--volume",
                volume));
    paths.forEach(p -> all.addAll(List.of("--path", p)));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @Test
  void volumeCreateListDescribeDeleteThroughTheCommandLine() throws Exception {
    assertThat(run(with(new String[] {"volume", "create", "--volume", "cli_vol"}, PLACE)))
        .as(err())
        .isZero();
    assertThat(out()).contains("Created volume 'cli_vol'.", "MANAGED", ZillizTestBed.REGION);

    assertThat(run("volume", "list", "--project-id", ZillizTestBed.PROJECT, "--json"))
        .as(err())
        .isZero();
    JsonNode list = JSON.readTree(out());
    assertThat(list.isArray()).isTrue();
    assertThat(list.findValuesAsText("volumeName")).contains("cli_vol");

    assertThat(run("volume", "describe", "--volume", "cli_vol")).isZero();
    assertThat(out()).contains("name", "cli_vol", "RUNNING");

    assertThat(run("volume", "delete", "--volume", "cli_vol")).isZero();
    assertThat(out()).contains("Deleted volume 'cli_vol'");
    assertThat(bed.zilliz().volumeNames()).doesNotContain("cli_vol");
  }

  @Test
  void importCreateWaitFromAVolumeEndsWithTheRowsAndPlainProgressLines() throws Exception {
    String collection = bed.createDocs();
    assertThat(run(with(new String[] {"volume", "create", "--volume", "cli_imp"}, PLACE))).isZero();
    bed.putInVolume("cli_imp", "in/a.json", ZillizTestBed.jsonRows(0, 20));
    bed.putInVolume("cli_imp", "in/b.json", ZillizTestBed.jsonRows(20, 5));
    int code =
        run(
            CloudCliTest.importFromVolume(
                collection, "cli_imp", List.of("in/a.json", "in/b.json"), "--wait"));
    assertThat(code).as(out() + err()).isZero();
    assertThat(out()).contains("import job job-", "Completed 100%", "importedRows", "25");
    assertThat(bed.milvus().rows("default", collection)).hasSize(25);

    assertThat(
            run(
                "import",
                "list",
                "--cluster-id",
                ZillizTestBed.CLUSTER,
                "--collection",
                collection,
                "--json"))
        .isZero();
    JsonNode jobs = JSON.readTree(out());
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).path("collectionName").asText()).isEqualTo(collection);
    assertThat(jobs.get(0).path("state").asText()).isEqualTo("Completed");
  }

  @Test
  void importCreateFromUrlsReadsTheSecretsFromFilesAndNeverPrintsThem(@TempDir Path dir)
      throws Exception {
    String collection = bed.createDocs();
    bed.s3().put(bed.userBucket(), "cli/u.json", ZillizTestBed.jsonRows(0, 6));
    Path secret = Files.writeString(dir.resolve("secret"), ZillizTestBed.URL_SECRET + "\n");
    Path token = Files.writeString(dir.resolve("token"), ZillizTestBed.URL_TOKEN);
    int code =
        run(
            "import",
            "create",
            "--cluster-id",
            ZillizTestBed.CLUSTER,
            "--collection",
            collection,
            "--url",
            "s3://" + bed.userBucket() + "/cli/u.json",
            "--access-key",
            ZillizTestBed.URL_ACCESS_KEY,
            "--secret-key-file",
            secret.toString(),
            "--session-token-file",
            token.toString(),
            "--wait",
            "--json");
    assertThat(code).as(out() + err()).isZero();
    JsonNode job = JSON.readTree(out());
    assertThat(job.path("state").asText()).isEqualTo("Completed");
    assertThat(job.path("importedRows").asLong()).isEqualTo(6);
    assertThat(bed.milvus().rows("default", collection)).hasSize(6);
  }

  @Test
  void inATerminalWaitDrawsAProgressBar() {
    String collection = bed.createDocs();
    assertThat(run(with(new String[] {"volume", "create", "--volume", "cli_bar"}, PLACE))).isZero();
    bed.putInVolume("cli_bar", "t.json", ZillizTestBed.jsonRows(0, 3));
    int code =
        cli.run(
            ENV,
            true,
            InputStream.nullInputStream(),
            CloudCliTest.importFromVolume(collection, "cli_bar", List.of("t.json"), "--wait"));
    assertThat(code).as(err()).isZero();
    assertThat(out()).contains("\r[##############################] 100% Completed");
  }

  @Test
  void aFailedImportExitsOneWithTheReasonAndTheFile() {
    String collection = bed.createDocs();
    assertThat(run(with(new String[] {"volume", "create", "--volume", "cli_bad"}, PLACE))).isZero();
    bed.putInVolume(
        "cli_bad", "broken.json", "{\"rows\":[{\"id\":1}]}".getBytes(StandardCharsets.UTF_8));
    int code =
        run(CloudCliTest.importFromVolume(collection, "cli_bad", List.of("broken.json"), "--wait"));
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(err()).contains("ended Failed", "broken.json");
    assertThat(bed.milvus().rows("default", collection)).isEmpty();
  }

  @Test
  void aMissingApiKeyIsAUsageErrorNamingTheEnvironmentAndTheFileFlag() {
    assertThat(run(Map.of(), "volume", "list", "--project-id", ZillizTestBed.PROJECT))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("ZILLIZ_API_KEY", "--api-key-file", "cloudApiKey");
  }

  @Test
  void aWrongApiKeyExitsOneSayingWhichOptionWithoutEchoingIt() {
    assertThat(
            run(
                Map.of("ZILLIZ_API_KEY", "Not-The-Key-42"),
                "volume",
                "list",
                "--project-id",
                ZillizTestBed.PROJECT))
        .isEqualTo(Cli.FAILED);
    assertThat(err()).contains("check option 'cloudApiKey'").doesNotContain("Not-The-Key-42");
  }

  @Test
  void anApiKeyOrASecretOnTheCommandLineIsRefusedWithoutEchoingIt() {
    assertThat(run("volume", "list", "--api-key", "Plain-Key-77")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--api-key is not accepted", "ZILLIZ_API_KEY", "--api-key-file");
    assertThat(out() + err()).doesNotContain("Plain-Key-77");
    assertThat(
            run(
                "import",
                "create",
                "--collection",
                "c",
                "--url",
                "s3://b/k",
                "--secret-key",
                "Plain-Secret-5"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--secret-key-file").doesNotContain("Plain-Secret-5");
  }

  @Test
  void anUnknownClusterNamesTheClusterIdFlag() {
    String collection = bed.createDocs();
    assertThat(run(with(new String[] {"volume", "create", "--volume", "cli_unk"}, PLACE))).isZero();
    int code =
        run(
            "import",
            "create",
            "--cluster-id",
            "in01-missing",
            "--collection",
            collection,
            "--volume",
            "cli_unk",
            "--path",
            "a.json");
    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(err()).contains("'clusterId' (--cluster-id)", "in01-missing");
  }

  @Test
  void importCreateNeedsEitherAVolumeOrUrls() {
    assertThat(run("import", "create", "--cluster-id", "c", "--collection", "c"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("either --volume NAME with --path PATH");
  }

  @Test
  void helpListsTheCloudCommandsAndEachCommandsFlags() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("volume", "import", "ZILLIZ_API_KEY");
    for (String group : new String[] {"volume", "import"}) {
      List<CloudCommand> commands =
          group.equals("volume") ? CloudCommands.VOLUMES : CloudCommands.IMPORTS;
      for (CloudCommand c : commands) {
        assertThat(run(group, c.name, "--help")).as(group + " " + c.name).isZero();
        for (Flag f : c.flags) {
          assertThat(out()).contains(f.synopsis());
        }
        assertThat(out()).contains("--api-key-file FILE", "--cloud-endpoint URL");
      }
    }
  }
}
