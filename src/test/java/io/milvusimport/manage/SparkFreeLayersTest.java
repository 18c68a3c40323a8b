package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The management API and the connection settings must run without Spark (a plain JVM, a command
 * line), and the commit must not reach back up into the Spark plumbing.
 */
class SparkFreeLayersTest {
  private static final Path MAIN = Path.of("src/main/java/io/milvusimport");

  private static List<String> importsOf(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
      return files
          .flatMap(
              f -> {
                try {
                  return Files.readAllLines(f).stream()
                      .filter(l -> l.startsWith("import "))
                      .map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .collect(Collectors.toList());
    }
  }

  @Test
  void managementConnectionAndCommandLineImportNeitherSparkNorHadoop() throws IOException {
    for (String pkg : List.of("manage", "connect", "cli", "cloud")) {
      assertThat(importsOf(pkg))
          .isNotEmpty()
          .noneMatch(l -> l.contains("org.apache.spark") || l.contains("org.apache.hadoop"))
          .noneMatch(l -> l.contains("io.milvusimport.spark."));
    }
  }

  @Test
  void commitDoesNotImportTheSparkPackage() throws IOException {
    assertThat(importsOf("commit"))
        .noneMatch(l -> l.contains("io.milvusimport.spark."))
        .noneMatch(l -> l.contains("org.apache.spark"));
  }
}
