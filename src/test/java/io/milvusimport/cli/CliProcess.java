package io.milvusimport.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the command line as its own JVM, on the class path a user gives it: the connector's classes
 * (target/classes, or the jar a Spark-line build tests), Jackson and the SLF4J API, nothing else
 * (no Spark, no Hadoop, no test classes).
 */
final class CliProcess {
  /** One finished run: exit code, stdout and stderr. */
  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final List<String> classPath;
  private final List<Result> results = new ArrayList<>();

  private CliProcess(List<String> classPath) {
    this.classPath = classPath;
  }

  /** The connector's classes with the runtime libraries the tool needs. */
  static CliProcess withRuntimeLibraries() {
    return new CliProcess(
        List.of(
            location(Main.class),
            location(ObjectMapper.class),
            location(JsonFactory.class),
            location(com.fasterxml.jackson.annotation.JsonProperty.class),
            location(org.slf4j.LoggerFactory.class)));
  }

  /** The connector's classes alone. */
  static CliProcess withoutLibraries() {
    return new CliProcess(List.of(location(Main.class)));
  }

  List<String> classPath() {
    return classPath;
  }

  Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(k -> k.startsWith("MILVUS_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("CLI did not end in 120 s: " + command);
    }
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    results.add(result);
    return result;
  }

  /** Everything every run printed, for checks such as "the token never appears". */
  String allOutput() {
    return results.stream().map(r -> r.out + r.err).collect(Collectors.joining("\n"));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
