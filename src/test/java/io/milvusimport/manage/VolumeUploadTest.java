package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.VolumeUploadException;
import io.milvusimport.cloud.ApplyingCredentialSource;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.cloud.VolumeObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VolumeUpload of files and folders through the volume's S3 front. */
@Tag("e2e")
class VolumeUploadTest {
  private static VolumeObjectStore store;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    store = VolumeObjectStore.start("zilliz-upload");
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  private static VolumeUpload upload(String prefix, String path) {
    return new VolumeUpload(
        new ApplyingCredentialSource(store.applying("vol1", prefix, path)), store.uploadSettings());
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void folderWithSubFoldersKeepsThemInKeysAndDataPaths() throws Exception {
    String prefix = "org/vol1-" + System.nanoTime() + "/";
    write("batch/a.json", "[{\"id\":1}]");
    write("batch/sub/b.parquet", "PAR1-b");
    write("batch/group/id.npy", "npy-id");
    write("batch/group/vec.npy", "npy-vec");
    Path single = write("other/c.json", "[{\"id\":3}]");
    List<UploadProgress> progress = new CopyOnWriteArrayList<>();

    List<String> dataPaths =
        upload(prefix, "in/").upload("\\in", List.of(dir.resolve("batch"), single), progress::add);

    assertThat(dataPaths)
        .containsExactly("in/a.json", "in/group/", "in/sub/b.parquet", "in/c.json");
    assertThat(LocalS3.shared().listKeys(store.bucket(), prefix))
        .containsExactlyInAnyOrder(
            prefix + "in/a.json",
            prefix + "in/group/id.npy",
            prefix + "in/group/vec.npy",
            prefix + "in/sub/b.parquet",
            prefix + "in/c.json");
    assertThat(LocalS3.shared().read(store.bucket(), prefix + "in/sub/b.parquet"))
        .isEqualTo("PAR1-b".getBytes(StandardCharsets.UTF_8));
    UploadProgress last = progress.get(progress.size() - 1);
    assertThat(last.finished()).isTrue();
    assertThat(last.filesTotal()).isEqualTo(5);
    assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(6 + 6 + 7 + 10 + 10);
    assertThat(last.describe()).startsWith("39 B / 39 B (100%), 5/5 files, ").contains("ETA");
  }

  @Test
  void overTheContentLengthLimitIsRefusedBeforeAnyPut() throws Exception {
    String prefix = "org/vol1-" + System.nanoTime() + "/";
    write("big/a.json", "x".repeat(600));
    write("big/b.json", "x".repeat(600));
    store.limits(1000, 1000);
    long puts = store.count("PUT") + store.count("POST");
    try {
      assertThatThrownBy(() -> upload(prefix, "").upload("", List.of(dir.resolve("big")), p -> {}))
          .isInstanceOf(VolumeUploadException.class)
          .hasMessageContaining("Cannot upload 2 files of 1200 bytes")
          .hasMessageContaining("at most 1000 bytes (maxContentLength")
          .hasMessageContaining("Nothing was uploaded");
    } finally {
      store.limits(100L << 30, 1000);
    }
    assertThat(store.count("PUT") + store.count("POST")).isEqualTo(puts);
    assertThat(LocalS3.shared().listKeys(store.bucket(), prefix)).isEmpty();
  }

  @Test
  void overTheFileNumberLimitIsRefusedBeforeAnyPut() throws Exception {
    String prefix = "org/vol1-" + System.nanoTime() + "/";
    for (int i = 0; i < 3; i++) {
      write("many/f" + i + ".json", "[]");
    }
    store.limits(1000, 2);
    long puts = store.count("PUT") + store.count("POST");
    try {
      assertThatThrownBy(
              () -> upload(prefix, "x/").upload("x", List.of(dir.resolve("many")), p -> {}))
          .isInstanceOf(VolumeUploadException.class)
          .hasMessageContaining("Cannot upload 3 files of 6 bytes to volume vol1")
          .hasMessageContaining("at most 2 files (maxFileNumber");
    } finally {
      store.limits(100L << 30, 1000);
    }
    assertThat(store.count("PUT") + store.count("POST")).isEqualTo(puts);
  }

  @Test
  void missingLocalPathAndDotDotDirectoryAreRefused() {
    assertThatThrownBy(() -> VolumeUpload.plan("", List.of(dir.resolve("nope"))))
        .isInstanceOf(VolumeUploadException.class)
        .hasMessageContaining("no such file or folder");
    assertThatThrownBy(() -> upload("p/", "").upload("a/../b", List.of(dir), p -> {}))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("has a '..' segment");
  }
}
