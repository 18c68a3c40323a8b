package io.milvusimport.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Spark home a {@code local-cluster} master needs to launch executors in JVMs of their own: a
 * {@code jars/} folder (links to the test class path's jars) and an empty {@code RELEASE} file, at
 * the path the build gives the test JVM as {@code SPARK_HOME} (with {@code SPARK_SCALA_VERSION}
 * beside it). Spark's worker reads both from its environment, so they cannot be set from here.
 */
final class LocalSparkHome {
  private static boolean prepared;

  private LocalSparkHome() {}

  /**
   * Makes the Spark home named by {@code SPARK_HOME} and returns it. Its {@code jars/} folder is
   * made anew once per test JVM, so a build on another Spark line never mixes in stale links.
   */
  static synchronized Path prepare() {
    String home = System.getenv("SPARK_HOME");
    if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
      throw new IllegalStateException(
          "local-cluster tests need SPARK_HOME and SPARK_SCALA_VERSION in the test JVM's"
              + " environment (set by the pom's Surefire configuration)");
    }
    Path root = Paths.get(home);
    Path jars = root.resolve("jars");
    if (prepared) {
      return root;
    }
    try {
      if (Files.isDirectory(jars)) {
        try (Stream<Path> old = Files.list(jars)) {
          for (Path link : (Iterable<Path>) old::iterator) {
            Files.delete(link);
          }
        }
      }
      Files.createDirectories(jars);
      for (Path jar : classPathJars()) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
      }
      Path release = root.resolve("RELEASE");
      if (!Files.exists(release)) {
        Files.createFile(release);
      }
      prepared = true;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not build the Spark home " + root, e);
    }
    return root;
  }

  /** The connector's own classes: what a user adds with {@code --jars}. */
  static String connectorClasses() {
    List<String> dirs = new ArrayList<>();
    for (String entry : classPath()) {
      if (!entry.endsWith(".jar") && new File(entry).isDirectory()) {
        dirs.add(new File(entry).getAbsolutePath());
      }
    }
    return String.join(File.pathSeparator, dirs);
  }

  /** The JDK 17 module flags this JVM was started with (Spark needs them on executors too). */
  static String moduleFlags() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")
          || arg.startsWith("--add-exports")
          || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || arg.startsWith("-Djdk.reflect.")) {
        flags.add(arg);
      }
    }
    return String.join(" ", flags);
  }

  private static List<Path> classPathJars() {
    List<Path> jars = new ArrayList<>();
    for (String entry : classPath()) {
      if (entry.endsWith(".jar") && !entry.contains("surefire")) {
        jars.add(Paths.get(entry));
      }
    }
    return jars;
  }

  /** Surefire starts tests through a manifest-only jar; the real class path is in a property. */
  private static List<String> classPath() {
    String path = System.getProperty("surefire.test.class.path");
    if (path == null || path.isEmpty()) {
      path = System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return entries;
  }
}
