package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpillFilesTest {

  @Test
  void yarnContainerDirectoriesComeFirst() {
    Map<String, String> env =
        Map.of(
            "CONTAINER_ID", "container_1",
            "LOCAL_DIRS", "/mnt/a/app,/mnt/b/app",
            "SPARK_LOCAL_DIRS", "/ignored");
    assertThat(SpillFiles.localRoots(env, "/also-ignored"))
        .containsExactly(Paths.get("/mnt/a/app"), Paths.get("/mnt/b/app"));
  }

  @Test
  void executorDirectoriesAreSplitOnThePathSeparator() {
    Map<String, String> env =
        Map.of("SPARK_EXECUTOR_DIRS", "/x" + File.pathSeparator + "/y", "SPARK_LOCAL_DIRS", "/z");
    assertThat(SpillFiles.localRoots(env, null)).containsExactly(Paths.get("/x"), Paths.get("/y"));
  }

  @Test
  void sparkLocalDirsThenTheSparkLocalDirSetting() {
    assertThat(SpillFiles.localRoots(Map.of("SPARK_LOCAL_DIRS", "/e1, /e2"), "/conf"))
        .containsExactly(Paths.get("/e1"), Paths.get("/e2"));
    assertThat(SpillFiles.localRoots(Map.of(), "/c1,,/c2"))
        .containsExactly(Paths.get("/c1"), Paths.get("/c2"));
    assertThat(SpillFiles.localRoots(Map.of(), null)).isEmpty();
  }

  @Test
  void aSpillDirectoryIsCreatedAndDeleted() throws Exception {
    Path spill = SpillFiles.newDirectory();
    Files.writeString(spill.resolve("part"), "x");
    assertThat(spill.getFileName().toString()).startsWith("milvus-import-spill-");
    SpillFiles.delete(spill);
    assertThat(spill).doesNotExist();
  }
}
