package io.milvusimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one jar runs on Scala 2.12 and 2.13 Sparks only while its classes never name a Scala type:
 * {@code scala.collection.Seq} is another class on each line, so a call through it fails with
 * {@code NoSuchMethodError} there (and inside a listener, stops the user's SparkContext). Class
 * files hold every type they use as text in their constant pool, so this reads them as bytes.
 */
class OneJarForEverySparkTest {
  /** Classes that must read the Scala maps of Spark's V1 {@code createRelation}. */
  private static final Set<String> SCALA_READERS =
      Set.of(
          "io/milvusimport/spark/MilvusImportProvider.class",
          "io/milvusimport/spark/SaveModeWrite.class",
          "io/milvusimport/spark/ScalaMaps.class");

  private static final Set<String> SCALA_READERS_MAY_NAME =
      Set.of("scala/collection/immutable/Map", "scala/collection/Iterator", "scala/Tuple2");

  private static final Pattern SCALA_NAME = Pattern.compile("scala/[A-Za-z0-9_/$]*[A-Za-z0-9_$]");

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
            String name = classes.relativize(file).toString().replace('\\', '/');
            if (SCALA_READERS.contains(name)) {
              // Only the types CreatableRelationProvider's signature forces on it, read through
              // members of the same descriptors on Scala 2.12 and 2.13.
              Matcher m = SCALA_NAME.matcher(text);
              while (m.find()) {
                if (!SCALA_READERS_MAY_NAME.contains(m.group())) {
                  offenders.add(name + " names " + m.group());
                }
              }
            } else if (text.contains("Lscala/") || text.contains("scala/collection/")) {
              offenders.add(name);
            }
          }
        }
      }
    }
    assertThat(offenders).as("main classes that name Scala types").isEmpty();
  }
}
