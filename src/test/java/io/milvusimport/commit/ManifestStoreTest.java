package io.milvusimport.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.staging.StagedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestStoreTest {
  @TempDir Path dir;

  private WriteManifest manifestOf(int fileCount) {
    List<StagedFile> files = new ArrayList<>();
    for (int i = 0; i < fileCount; i++) {
      files.add(new StagedFile(List.of(dir.toUri() + "part-" + i + ".json"), 5, 50));
    }
    return WriteManifest.plan("w1", "db", "c", null, files, 100);
  }

  @Test
  void writesTheFileListOnceAndTheJobPartOnEachChange() throws Exception {
    ManifestStore store = new ManifestStore(new Configuration(), dir.toUri().toString());
    WriteManifest manifest = manifestOf(1_000);

    store.save(manifest);
    Path fileList = dir.resolve(WriteManifest.FILES_NAME);
    Files.setLastModifiedTime(fileList, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    manifest.jobCreating(manifest.jobs.get(0), "key-0");
    store.save(manifest);

    assertThat(Files.getLastModifiedTime(fileList).toInstant())
        .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(Files.size(dir.resolve(WriteManifest.FILE_NAME)))
        .as("the job part stays small however many files the write has")
        .isLessThan(Files.size(fileList) / 10);
    assertThat(Files.readString(dir.resolve(WriteManifest.FILE_NAME))).contains("\"key-0\"");
  }

  @Test
  void skipsASaveWhenNothingChanged() {
    ManifestStore store = new ManifestStore(new Configuration(), dir.toUri().toString());
    WriteManifest manifest = manifestOf(3);

    store.save(manifest);
    store.save(manifest);
    manifest.jobState(manifest.jobs.get(0), "Pending", 0, "");
    store.save(manifest);
    manifest.jobState(manifest.jobs.get(0), "Pending", 0, "");
    store.save(manifest);

    assertThat(store.saves()).isEqualTo(2);
  }

  @Test
  void loadsWhatWasSavedIncludingARetriedJobsAttempt() {
    String directory = dir.toUri().toString();
    ManifestStore store = new ManifestStore(new Configuration(), directory);
    WriteManifest manifest = manifestOf(250);
    manifest.jobCreated(manifest.jobs.get(0), "450");
    manifest.jobState(manifest.jobs.get(0), "Failed", 0, "bad file");
    manifest.retryFailed(manifest.jobs.get(0));
    store.save(manifest);

    WriteManifest read = new ManifestStore(new Configuration(), directory).load();

    assertThat(read.files)
        .extracting(StagedFile::toString)
        .containsExactlyElementsOf(
            manifest.files.stream().map(StagedFile::toString).collect(Collectors.toList()));
    assertThat(read.jobs.get(0).attempt).isEqualTo(1);
    assertThat(read.jobs.get(0).jobId).isNull();
    assertThat(read.jobs.get(0).state).isEqualTo("NotCreated");
    assertThat(ImportJobPlan.idempotencyKey("w1", read.jobs.get(0)))
        .isEqualTo("milvus-import-w1-job-0-attempt-1");
  }

  @Test
  void loadsNothingWhenTheWriteNeverReachedItsCommit() {
    assertThat(new ManifestStore(new Configuration(), dir.toUri().toString()).load()).isNull();
  }
}
