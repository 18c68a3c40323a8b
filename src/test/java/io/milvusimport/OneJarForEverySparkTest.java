package io.milvusimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one jar runs on Scala 2.12 and 2.13 Sparks only while its classes never name a Scala type:
 * {@code scala.collection.Seq} is another class on each line, so a call through it fails with
 * {@code NoSuchMethodError} there (and inside a listener, stops the user's SparkContext). Class
 * files hold every type they use as text in their constant pool, so this reads them as bytes.
 */
class OneJarForEverySparkTest {
  @Test
  void noMainClassNamesAScalaType() throws IOException {
    Path classes =
        Paths.get(
            ImportFailedException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    List<String> offenders = new ArrayList<>();
    if (Files.isDirectory(classes)) {
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (file.toString().endsWith(".class")) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (text.contains("Lscala/") || text.contains("scala/collection/")) {
              offenders.add(classes.relativize(file).toString());
            }
          }
        }
      }
    }
    assertThat(offenders).as("main classes that name Scala types").isEmpty();
  }
}
