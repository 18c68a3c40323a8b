package io.milvusimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds and submits a user's Spark job the way a cluster does, with nothing of this build but the
 * connector jar: jobs are compiled against Spark's and Hadoop's jars only, and run in child JVMs
 * through {@code org.apache.spark.deploy.SparkSubmit} (what the spark-submit script starts) from a
 * Spark home of Spark, Hadoop and hadoop-aws jars, the connector arriving through {@code --jars}.
 */
final class SparkSubmitRun {
  private static final long TIMEOUT_MINUTES = 5;

  private SparkSubmitRun() {}

  /** The packaged connector jar, {@code target/milvus-import-*.jar} (built by package). */
  static Path connectorJar() {
    Path jar = Path.of(System.getProperty("connector.jar", "target/missing.jar"));
    assertThat(jar).as("connector jar (run through mvn verify, after package)").isRegularFile();
    return jar.toAbsolutePath();
  }

  /**
   * The jars of the test class path without this project's classes, test classes and jar: what a
   * Spark installation with hadoop-aws offers a job (Spark, Hadoop, hadoop-aws, the AWS SDK).
   */
  static List<String> sparkClassPath() {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path target = connectorJar().getParent();
    List<String> jars = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (entry.endsWith(".jar") && !path.startsWith(target) && Files.isRegularFile(path)) {
        jars.add(path.toString());
      }
    }
    assertThat(jars).as("Spark jars on the class path").anyMatch(j -> j.contains("spark-core"));
    return jars;
  }

  /** Compiles {@code source} (Java release 11) against Spark's jars alone and jars the classes. */
  static Path buildJobJar(Path source, Path workDir) throws IOException {
    Path classes = Files.createDirectories(workDir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(problems, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release",
              "11",
              "-classpath",
              String.join(File.pathSeparator, sparkClassPath()),
              "-d",
              classes.toString());
      boolean compiled =
          javac
              .getTask(null, files, problems, options, null, files.getJavaFileObjects(source))
              .call();
      assertThat(compiled).as("compiling %s: %s", source, problems.getDiagnostics()).isTrue();
    }
    Path jar = workDir.resolve("milvus-import-job.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * A stand-in for a Spark installation: {@code jars/} links the {@link #sparkClassPath} jars,
   * {@code conf/spark-defaults.conf} holds {@code defaults}, and {@code bin/spark-submit} starts
   * {@code SparkSubmit} on {@code jars/*} with the JDK 17 flags, as Spark's own script ends up
   * doing.
   */
  static Path sparkHome(Path dir, Map<String, String> defaults) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("jars"));
    for (String jar : sparkClassPath()) {
      Path link = jars.resolve(Path.of(jar).getFileName());
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, Path.of(jar));
      }
    }
    StringBuilder conf = new StringBuilder();
    defaults.forEach((k, v) -> conf.append(k).append(' ').append(v).append('\n'));
    Files.writeString(
        Files.createDirectories(dir.resolve("conf")).resolve("spark-defaults.conf"), conf);
    Path submit = Files.createDirectories(dir.resolve("bin")).resolve("spark-submit");
    Files.writeString(
        submit,
        "#!/usr/bin/env bash\n"
            + "export SPARK_HOME=\"$(cd \"$(dirname \"$0\")/..\" && pwd)\"\n"
            + "exec \""
            + javaCommand()
            + "\" "
            + String.join(" ", jvmFlags())
            + " -cp \"$SPARK_HOME/jars/*\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  /**
   * Runs {@code command} with {@code env} added to its environment (Spark bound to 127.0.0.1, this
   * JDK first on the PATH); returns its output, failing with the output's tail on a non-zero exit.
   */
  static String run(List<String> command, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("SPARK_HOME");
    environment.remove("SPARK_CONF_DIR");
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    environment.put(
        "PATH",
        Path.of(System.getProperty("java.home"), "bin")
            + File.pathSeparator
            + environment.getOrDefault("PATH", "/usr/bin:/bin"));
    environment.putAll(env);
    Process child = builder.start();
    try (OutputStream noInput = child.getOutputStream()) {
      // the child reads nothing
    }
    boolean ended = child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    String tail = output.length() > 12_000 ? output.substring(output.length() - 12_000) : output;
    assertThat(ended)
        .as("%s ended within %d min; output:%n%s", command.get(0), TIMEOUT_MINUTES, tail)
        .isTrue();
    assertThat(child.exitValue()).as("%s exit code; output:%n%s", command.get(0), tail).isZero();
    return output;
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The JDK 17 flags Spark needs (the pom's {@code spark.jvm.flags}) and a heap for the job. */
  private static List<String> jvmFlags() {
    List<String> flags =
        new ArrayList<>(
            Arrays.asList(System.getProperty("spark.jvm.flags", "").trim().split("\\s+")));
    flags.removeIf(String::isEmpty);
    flags.add("-Xmx1g");
    return flags;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
