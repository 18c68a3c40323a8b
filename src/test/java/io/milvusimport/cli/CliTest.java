package io.milvusimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsing, usage texts and exit codes of the command line, run in-process. Nothing here reaches a
 * server: usage errors are found before any call, and the one "failed" case points at a closed
 * port.
 */
class CliTest {
  /** A port nothing listens on: connecting fails at once. */
  private static final String CLOSED = "http://127.0.0.1:1";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    Cli.Streams streams =
        new Cli.Streams(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return new Cli(env, streams).run(args);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noArgumentsPrintsTheCommandsAndExitsWithUsage() {
    assertThat(run()).isEqualTo(Cli.USAGE);
    assertThat(out()).contains("Usage: java -jar milvus-import.jar <command>", "snapshot");
  }

  @Test
  void helpOnTheToolAndOnSnapshotListsEveryCommandAndExitsOk() {
    assertThat(run("--help")).isEqualTo(Cli.OK);
    assertThat(run("snapshot", "--help")).isEqualTo(Cli.OK);
    assertThat(out()).contains("Exit codes: 0 ok, 1 failed, 2 usage.", "MILVUS_TOKEN");
    for (SnapshotCommand c : SnapshotCommands.ALL) {
      assertThat(out()).contains("  " + c.name + " ");
    }
  }

  @Test
  void helpOnEverySubcommandListsItsFlagsAndTheConnectionFlags() {
    for (SnapshotCommand c : SnapshotCommands.ALL) {
      out.reset();
      assertThat(run("snapshot", c.name, "--help")).as(c.name).isEqualTo(Cli.OK);
      assertThat(out()).contains("Usage: java -jar milvus-import.jar snapshot " + c.name);
      for (Flag f : c.flags) {
        assertThat(out()).contains(f.synopsis());
      }
      assertThat(out())
          .contains("--uri URL", "--token-file FILE", "--ca-pem-path FILE", "--json")
          .doesNotContain("--token ", "--password ");
    }
  }

  @Test
  void helpWinsOverMissingRequiredFlags() {
    assertThat(run("snapshot", "describe", "--collection", "docs", "--help")).isEqualTo(Cli.OK);
    assertThat(err()).isEmpty();
  }

  @Test
  void aTokenOnTheCommandLineIsRefusedWithoutEchoingItAndPointsToTheEnvironmentOrAFile() {
    int code =
        run("snapshot", "list", "--collection", "docs", "--uri", CLOSED, "--token", "s3cr3t");
    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--token is not accepted", "MILVUS_TOKEN", "--token-file");
    assertThat(out() + err()).doesNotContain("s3cr3t");

    err.reset();
    assertThat(run("snapshot", "list", "--collection", "docs", "--token=s3cr3t"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--token is not accepted").doesNotContain("s3cr3t");
  }

  @Test
  void aPasswordOnTheCommandLineIsRefusedAndPointsToMilvusPassword() {
    int code = run("snapshot", "jobs", "--uri", CLOSED, "--user", "root", "--password", "Milvus");
    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--password is not accepted", "MILVUS_PASSWORD", "--password-file");
    assertThat(out() + err()).doesNotContain("Milvus\n").doesNotContain("'Milvus'");
  }

  @Test
  void aMissingRequiredFlagIsNamedWithWhatItMeans() {
    assertThat(run("snapshot", "describe", "--collection", "docs", "--uri", CLOSED))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'snapshot describe' needs --snapshot NAME (the snapshot's name)");
  }

  @Test
  void unknownCommandsFlagsAndStrayWordsAreUsageErrors() {
    assertThat(run("snapshots")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Unknown command 'snapshots'");
    assertThat(run("snapshot", "remove")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Unknown command 'snapshot remove'", "create, list, describe");
    assertThat(run("snapshot", "list", "--collection", "docs", "--colour")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'snapshot list' has no flag --colour.");
    assertThat(run("snapshot", "list", "docs")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("takes no argument 'docs'");
    assertThat(run("snapshot", "list", "--collection")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Flag --collection needs a value");
    assertThat(run("snapshot", "list", "--collection", "a", "--collection", "b"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Flag --collection is given twice.");
    assertThat(run("snapshot", "restore", "--wait=yes")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Flag --wait takes no value.");
  }

  @Test
  void withoutUriOrMilvusUriTheErrorSaysHowToGiveTheEndpoint() {
    assertThat(run("snapshot", "list", "--collection", "docs")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("give --uri URL", "MILVUS_URI");
  }

  @Test
  void aBadConnectionValueNamesTheOptionAndItsFlag() {
    assertThat(run("snapshot", "jobs", "--uri", CLOSED, "--retries", "many")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Option 'retries' (--retries) has an invalid value 'many'");
    assertThat(run("snapshot", "jobs", "--uri", "ftp://milvus")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Option 'uri' (--uri)", "http:// or https://");
  }

  /** {@code snapshot create} of collection docs against a closed port. */
  private int create(String snapshot, String... more) {
    List<String> args =
        new ArrayList<>(List.of("snapshot", "create", "--uri", CLOSED, "--collection", "docs"));
    args.addAll(List.of("--snapshot", snapshot));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  @Test
  void aBadDurationFlagNamesTheFlag() {
    assertThat(create("s1", "--compaction-protection", "1week")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'compaction-protection' has an invalid value '1week'");
  }

  @Test
  void aSnapshotNameMilvusRefusesIsAUsageErrorFoundBeforeAnyCall() {
    assertThat(create("bad-name")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("bad-name").doesNotContain("did not answer");
  }

  @Test
  void anUnreachableServerFailsWithExitOneAndAJsonErrorOnStdout() throws IOException {
    int code =
        run(
            Map.of("MILVUS_TOKEN", "tok_abc123"),
            "snapshot",
            "jobs",
            "--uri",
            CLOSED,
            "--retries",
            "0",
            "--json");
    assertThat(code).isEqualTo(Cli.FAILED);
    JsonNode error = new ObjectMapper().readTree(out());
    assertThat(error.path("exitCode").asInt()).isEqualTo(Cli.FAILED);
    assertThat(error.path("message").asText()).contains("127.0.0.1:1", "did not answer");
    assertThat(err()).startsWith("error: ");
    assertThat(out() + err()).doesNotContain("tok_abc123");
  }

  @Test
  void usageErrorsAreJsonToo() throws IOException {
    assertThat(run("snapshot", "list", "--json")).isEqualTo(Cli.USAGE);
    JsonNode error = new ObjectMapper().readTree(out());
    assertThat(error.path("error").asText()).isEqualTo("UsageException");
    assertThat(error.path("exitCode").asInt()).isEqualTo(Cli.USAGE);
  }

  @Test
  void secretsComeFromFilesBeforeTheEnvironmentAndNeverTogetherWithAUser(@TempDir Path dir)
      throws IOException {
    Path tokenFile = Files.writeString(dir.resolve("token"), "from_file\n");
    Flags flags =
        Flags.parse(
            "t", List.of("--uri", CLOSED, "--token-file", tokenFile.toString()), connection());
    assertThat(ConnectionFlags.options(flags, Map.of("MILVUS_TOKEN", "from_env")))
        .containsEntry("token", "from_file")
        .containsEntry("uri", CLOSED);
    Flags envOnly = Flags.parse("t", List.of(), connection());
    assertThat(
            ConnectionFlags.options(
                envOnly,
                Map.of("MILVUS_URI", CLOSED, "MILVUS_USER", "root", "MILVUS_PASSWORD", "Milvus")))
        .containsEntry("user", "root")
        .containsEntry("password", "Milvus")
        .doesNotContainKey("token");

    assertThat(
            run(
                Map.of("MILVUS_TOKEN", "from_env"),
                "snapshot",
                "jobs",
                "--uri",
                CLOSED,
                "--user",
                "root"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Both a token").doesNotContain("from_env");

    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThat(run("snapshot", "jobs", "--uri", CLOSED, "--token-file", empty.toString()))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--token-file: file " + empty + " is empty.");
    assertThat(run("snapshot", "jobs", "--uri", CLOSED, "--token-file", dir + "/none"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--token-file: cannot read file " + dir + "/none");
  }

  @Test
  void connectionFlagsAreTheOptionNamesInKebabCase() {
    assertThat(ConnectionFlags.kebab("caPemPath")).isEqualTo("ca-pem-path");
    assertThat(ConnectionFlags.kebab("maxPollInterval")).isEqualTo("max-poll-interval");
    assertThat(ConnectionFlags.FLAGS)
        .extracting(f -> f.name)
        .contains(
            "uri",
            "database",
            "user",
            "ca-pem-path",
            "client-pem-path",
            "client-key-path",
            "request-timeout",
            "retries",
            "poll-interval",
            "max-poll-interval")
        .doesNotContain("token", "password");
  }

  @Test
  void tablesPadColumnsToTheWidestCell() {
    new Table("NAME", "STATE").row("a_long_name", "done").row("b", null).print(printer());
    assertThat(out()).isEqualTo("NAME         STATE\na_long_name  done\nb\n");
  }

  private PrintStream printer() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  private static List<Flag> connection() {
    return new ArrayList<>(ConnectionFlags.FLAGS);
  }
}
