package io.milvusimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's command line as users start it: {@code java -jar milvus-import.jar} with the
 * libraries the manifest names next to the jar, the same jar alone (a clear message, not a stack
 * trace), and {@code spark-submit --class io.milvusimport.cli.Main} on a Spark installation.
 */
class CliJarIT {
  private static final String TOKEN = "root:Milvus";
  @TempDir static Path work;
  private static MilvusStandIn milvus;

  @BeforeAll
  static void startStandIn() {
    milvus = MilvusStandIn.builder().token(TOKEN).serverVersion("3.0.2").localStorage().start();
  }

  @AfterAll
  static void stopStandIn() {
    if (milvus != null) {
      milvus.close();
    }
  }

  @Test
  void theManifestNamesTheMainClassAndTheLibrariesBesideTheJar() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmitRun.connectorJar().toFile())) {
      Manifest manifest = jar.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.milvusimport.cli.Main");
      assertThat(manifest.getMainAttributes().getValue("Class-Path"))
          .isEqualTo("jackson-databind.jar jackson-core.jar jackson-annotations.jar slf4j-api.jar");
    }
  }

  @Test
  void javaDashJarRunsTheToolWithTheLibrariesNextToTheJar() throws Exception {
    Path dir = Files.createDirectories(work.resolve("with-libs"));
    Files.copy(SparkSubmitRun.connectorJar(), dir.resolve("milvus-import.jar"));
    copy(ObjectMapper.class, dir.resolve("jackson-databind.jar"));
    copy(JsonFactory.class, dir.resolve("jackson-core.jar"));
    copy(
        com.fasterxml.jackson.annotation.JsonProperty.class,
        dir.resolve("jackson-annotations.jar"));
    copy(org.slf4j.LoggerFactory.class, dir.resolve("slf4j-api.jar"));

    String[] listed = javaJar(dir, "snapshot", "jobs", "--uri", milvus.uri(), "--json");
    String[] missing = javaJar(dir, "snapshot", "job", "--uri", milvus.uri(), "--job-id", "42");
    String[] usage = javaJar(dir, "snapshot", "job", "--uri", milvus.uri());

    assertThat(listed[0]).as(listed[2]).isEqualTo("0");
    JsonNode jobs = new ObjectMapper().readTree(listed[1]);
    assertThat(jobs.isArray()).isTrue();
    assertThat(missing[0]).as(missing[2]).isEqualTo("1");
    assertThat(missing[2]).contains("error: ", "42");
    assertThat(usage[0]).isEqualTo("2");
    assertThat(usage[2]).contains("needs --job-id ID");
  }

  @Test
  void javaDashJarWithoutTheLibrariesSaysWhatToAdd() throws Exception {
    Path dir = Files.createDirectories(work.resolve("alone"));
    Files.copy(SparkSubmitRun.connectorJar(), dir.resolve("milvus-import.jar"));

    String[] result = javaJar(dir, "snapshot", "--help");

    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2]).contains("needs jackson-databind.jar", "next to milvus-import.jar");
  }

  @Test
  void sparkSubmitRunsTheSameMainClass() throws Exception {
    Path sparkHome =
        SparkSubmitRun.sparkHome(
            work.resolve("spark-home"),
            Map.of("spark.master", "local[1]", "spark.ui.enabled", "false"));
    String output =
        SparkSubmitRun.run(
            List.of(
                sparkHome.resolve("bin/spark-submit").toString(),
                "--class",
                "io.milvusimport.cli.Main",
                SparkSubmitRun.connectorJar().toString(),
                "snapshot",
                "jobs",
                "--uri",
                milvus.uri()),
            Map.of("MILVUS_TOKEN", TOKEN),
            work.resolve("spark-submit.log"));

    assertThat(output).contains("No restore jobs into database default").doesNotContain(TOKEN);
  }

  /** Runs {@code java -jar milvus-import.jar args} in {@code dir}: exit code, stdout, stderr. */
  private static String[] javaJar(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                dir.resolve("milvus-import.jar").toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("MILVUS_TOKEN", TOKEN);
    Process process = builder.start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new String[] {
      String.valueOf(process.exitValue()),
      Files.readString(out, StandardCharsets.UTF_8),
      Files.readString(err, StandardCharsets.UTF_8)
    };
  }

  private static void copy(Class<?> fromJarOf, Path to) throws IOException {
    try {
      Files.copy(
          Path.of(fromJarOf.getProtectionDomain().getCodeSource().getLocation().toURI()), to);
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
