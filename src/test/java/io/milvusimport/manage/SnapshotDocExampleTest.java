package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of docs/snapshots.md, compiled as a user would and run against a stand-in. */
class SnapshotDocExampleTest {
  @Test
  void javaExampleOfTheDocsRunsAgainstAStandIn(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("docs/snapshots.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).isTrue();
    Path source = dir.resolve("SnapshotExample.java");
    Files.writeString(source, block.group(1));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            source.toString());
    assertThat(status).as("javac exit status").isZero();

    try (MilvusStandIn standIn =
            MilvusStandIn.builder()
                .serverVersion("3.0.2")
                .stepDelay(Duration.ofMillis(10))
                .token(ImportTestBed.TOKEN)
                .start();
        URLClassLoader loader =
            new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      standIn.createCollection("default", ImportTestBed.docsCollectionBody("docs", 4, 64));
      Method run =
          loader.loadClass("SnapshotExample").getDeclaredMethod("run", Map.class, String.class);
      run.setAccessible(true);

      run.invoke(null, Map.of("uri", standIn.uri(), "token", ImportTestBed.TOKEN), "docs");

      assertThat(standIn.hasCollection("default", "docs_restored")).isTrue();
      assertThat(standIn.snapshotNames("default", "docs")).isEqualTo(List.of());
      assertThat(new File(dir.toFile(), "SnapshotExample.class")).exists();
    }
  }
}
