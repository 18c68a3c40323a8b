package io.milvusimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Reads the user-facing examples under {@code examples/} as a user would copy them: the write calls
 * each one makes, the notebooks' file formats (nbformat 4 JSON; Databricks source format), the EMR
 * step's spark-submit arguments, and the Parquet input they all read.
 */
public final class ExampleFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WRITE_CALL =
      Pattern.compile("\\.(format|mode|option)\\(\\s*\"([^\"]+)\"\\s*(?:,\\s*([A-Za-z_]\\w*))?");
  private static final Pattern READ_CALL = Pattern.compile("\\.read(\\(\\))?\\.parquet\\(");
  private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");
  private static final Pattern CELL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private ExampleFiles() {}

  static Path dir() {
    return Path.of(System.getProperty("examples.dir", "examples")).toAbsolutePath();
  }

  /**
   * The source's Parquet read and its {@code format}/{@code mode}/{@code option} calls in order,
   * each option with the variable it passes, named without case or underscores ({@code stagingPath}
   * and {@code staging_path} are one name).
   */
  static List<String> writeCalls(String source) {
    List<String> calls = new ArrayList<>();
    if (READ_CALL.matcher(source).find()) {
      calls.add("read.parquet");
    }
    Matcher m = WRITE_CALL.matcher(source);
    while (m.find()) {
      String value = m.group(3) == null ? "" : " = " + m.group(3);
      calls.add(m.group(1) + " " + m.group(2) + value.replace("_", "").toLowerCase(Locale.ROOT));
    }
    return calls;
  }

  /** The code cells of an nbformat 4 notebook, after checking the notebook's structure. */
  static String jupyterCode(Path notebook) throws IOException {
    JsonNode nb = JSON.readTree(notebook.toFile());
    assertThat(nb.path("nbformat").asInt()).as("nbformat").isEqualTo(4);
    assertThat(nb.path("nbformat_minor").isInt()).as("nbformat_minor").isTrue();
    int minor = nb.path("nbformat_minor").asInt();
    assertThat(nb.path("metadata").isObject()).as("notebook metadata").isTrue();
    assertThat(nb.path("metadata").path("kernelspec").path("name").asText()).isNotEmpty();
    assertThat(nb.path("cells").isArray()).as("cells").isTrue();
    StringBuilder code = new StringBuilder();
    for (JsonNode cell : nb.path("cells")) {
      String type = cell.path("cell_type").asText();
      assertThat(CELL_TYPES).as("cell_type of %s", cell).contains(type);
      assertThat(cell.path("metadata").isObject()).as("cell metadata of %s", cell).isTrue();
      if (minor >= 5) {
        assertThat(cell.path("id").asText()).as("cell id").matches(CELL_ID);
      }
      StringBuilder text = new StringBuilder();
      JsonNode source = cell.path("source");
      assertThat(source.isArray() || source.isTextual()).as("source of %s", cell).isTrue();
      if (source.isTextual()) {
        text.append(source.asText());
      } else {
        source.forEach(line -> text.append(line.asText()));
      }
      if (type.equals("code")) {
        assertThat(cell.path("outputs").isArray()).as("outputs of %s", cell).isTrue();
        JsonNode count = cell.path("execution_count");
        assertThat(count.isNull() || count.isInt()).as("execution_count of %s", cell).isTrue();
        code.append(text).append('\n');
      }
    }
    return code.toString();
  }

  /** The code of a Databricks source-format notebook, after checking its header and cells. */
  static String databricksCode(Path notebook) throws IOException {
    String text = Files.readString(notebook);
    assertThat(text).startsWith("# Databricks notebook source\n");
    String[] cells = text.split("\n# COMMAND ----------\n", -1);
    assertThat(cells.length).as("cells").isGreaterThan(2);
    StringBuilder code = new StringBuilder();
    for (String cell : cells) {
      assertThat(cell).as("a cell between two separators").isNotBlank();
      for (String line : cell.split("\n", -1)) {
        if (!line.startsWith("# MAGIC")) {
          code.append(line).append('\n');
        }
      }
    }
    return code.toString();
  }

  /** The spark-submit arguments of the only step in an {@code aws emr add-steps} step file. */
  static List<String> emrSparkSubmitArgs(Path stepFile) throws IOException {
    JsonNode steps = JSON.readTree(stepFile.toFile());
    assertThat(steps.isArray()).as("a JSON list of steps").isTrue();
    assertThat(steps).hasSize(1);
    JsonNode step = steps.get(0);
    assertThat(step.path("Type").asText()).isEqualTo("CUSTOM_JAR");
    assertThat(step.path("Jar").asText()).isEqualTo("command-runner.jar");
    assertThat(step.path("Name").asText()).isNotBlank();
    assertThat(step.path("ActionOnFailure").asText()).isIn("CONTINUE", "CANCEL_AND_WAIT");
    List<String> args = new ArrayList<>();
    step.path("Args").forEach(a -> args.add(a.asText()));
    assertThat(args).first().isEqualTo("spark-submit");
    assertThat(args).contains("--jars", "--class");
    return args.subList(1, args.size());
  }

  /** The value after {@code flag} in a list of command-line arguments. */
  static String argAfter(List<String> args, String flag) {
    int at = args.indexOf(flag);
    assertThat(at).as("%s in %s", flag, args).isNotNegative().isLessThan(args.size() - 1);
    return args.get(at + 1);
  }

  /**
   * A Parquet file as a user's data set would be: {@code id int64, embedding list<float>, text
   * string}, ids 0..rows-1, {@code embedding[i] = id + i / 8}, {@code text = "doc <id>"}.
   */
  static byte[] docsParquet(Path workDir, int rows, int dim) throws IOException {
    return docsParquet(workDir, rows, dim, "required");
  }

  /**
   * The same rows with every column {@code optional} (as Milvus import files must be: servers up to
   * 2.5.4 crash on REQUIRED columns) or {@code required}.
   */
  public static byte[] docsParquet(Path workDir, int rows, int dim, String repetition)
      throws IOException {
    MessageType type =
        MessageTypeParser.parseMessageType(
            ("message docs { R int64 id; R group embedding (LIST) {"
                    + " repeated group list { R float element; } }"
                    + " R binary text (STRING); }")
                .replace("R ", repetition + " "));
    Path file = workDir.resolve("docs-" + rows + "x" + dim + "-" + repetition + ".parquet");
    Files.deleteIfExists(file);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(type)
            .withConf(new Configuration())
            .build()) {
      SimpleGroupFactory rowsOf = new SimpleGroupFactory(type);
      for (long id = 0; id < rows; id++) {
        Group row = rowsOf.newGroup().append("id", id);
        Group embedding = row.addGroup("embedding");
        for (int i = 0; i < dim; i++) {
          embedding.addGroup("list").append("element", vectorValue(id, i));
        }
        writer.write(row.append("text", "doc " + id));
      }
    }
    return Files.readAllBytes(file);
  }

  static float vectorValue(long id, int i) {
    return id + i / 8f;
  }
}
