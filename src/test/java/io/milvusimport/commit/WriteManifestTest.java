package io.milvusimport.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingLocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteManifestTest {
  private static List<StagedFile> files(int n) {
    List<StagedFile> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(new StagedFile(List.of("s3a://b/stage/w/part-" + i + ".json"), 10 + i, 100));
    }
    return files;
  }

  @Test
  void plansJobsOfAtMostMaxFilesInFileOrder() {
    WriteManifest manifest = WriteManifest.plan("w", "default", "c", null, files(5), 2);
    assertThat(manifest.jobs).hasSize(3);
    assertThat(manifest.jobs.get(2).firstFile).isEqualTo(4);
    assertThat(manifest.jobs.get(2).fileCount).isEqualTo(1);
    assertThat(manifest.jobs.get(0).expectedRows).isEqualTo(21);
    assertThat(manifest.stagedRows()).isEqualTo(60);
  }

  @Test
  void jsonKeepsFilesJobsKeysStatesAndSnapshot() throws Exception {
    WriteManifest manifest = WriteManifest.plan("w1", "db", "c", "p", files(3), 2);
    manifest.twoPhase(true);
    manifest.jobCreating(manifest.jobs.get(0), "key-0");
    manifest.jobCreated(manifest.jobs.get(0), "4550");
    manifest.jobState(manifest.jobs.get(0), "Uncommitted", 21, "");
    manifest.jobCreating(manifest.jobs.get(1), "key-1");
    manifest.snapshot("snap", "123");

    WriteManifest read = WriteManifest.fromJson(manifest.toJson(), manifest.filesJson());

    assertThat(read.writeId).isEqualTo("w1");
    assertThat(read.partition).isEqualTo("p");
    assertThat(read.twoPhase()).isTrue();
    assertThat(read.files).hasSize(3);
    assertThat(read.files.get(2).uris()).containsExactly("s3a://b/stage/w/part-2.json");
    assertThat(read.jobs.get(0).jobId).isEqualTo("4550");
    assertThat(read.jobs.get(0).state).isEqualTo("Uncommitted");
    assertThat(read.jobs.get(0).importedRows).isEqualTo(21);
    assertThat(read.jobs.get(1).jobId).isNull();
    assertThat(read.jobs.get(1).idempotencyKey).isEqualTo("key-1");
    assertThat(read.jobs.get(1).state).isEqualTo("Creating");
    assertThat(read.toJson()).contains("\"snapshot\":{\"name\":\"snap\",\"createTs\":\"123\"}");
  }

  @Test
  void unchangedStateNeedsNoSave() {
    WriteManifest manifest = WriteManifest.plan("w", "db", "c", null, files(1), 1);
    assertThat(manifest.jobState(manifest.jobs.get(0), "Importing", 0, "")).isTrue();
    assertThat(manifest.jobState(manifest.jobs.get(0), "Importing", 0, "")).isFalse();
  }

  @Test
  void requestFilesAreBucketRelativeKeys() {
    WriteManifest manifest = WriteManifest.plan("w", "db", "c", null, files(3), 2);
    List<List<String>> request =
        ImportJobPlan.requestFiles(
            manifest.jobs.get(1),
            manifest.files,
            RequestAddressing.milvusKeys(StagingLocation.parse("s3a://b/stage/", null)));
    assertThat(request).containsExactly(List.of("stage/w/part-2.json"));
  }

  @Test
  void idempotencyKeysDependOnWriteJobAndAttempt() {
    WriteManifest manifest = WriteManifest.plan("w9", "db", "c", null, files(3), 1);
    WriteManifest.Job job = manifest.jobs.get(1);
    assertThat(ImportJobPlan.idempotencyKey("w9", job)).isEqualTo("milvus-import-w9-job-1");
    job.attempt = 2;
    assertThat(ImportJobPlan.idempotencyKey("w9", job))
        .isEqualTo("milvus-import-w9-job-1-attempt-2");
  }

  @Test
  void fileOverSixteenGigabytesFailsBeforeAnyJob() {
    List<StagedFile> big = List.of(new StagedFile(List.of("s3a://b/x.json"), 1, (16L << 30) + 1));
    assertThatThrownBy(() -> ImportLimits.MILVUS.checkFileSizes(big, "w"))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("16 GB")
        .hasMessageContaining("no import job was created");
  }

  @Test
  void snapshotNamesFillWriteIdAndDateWithOnlyCharactersMilvusAccepts() {
    assertThat(
            SnapshotAfterImport.name(
                "load_{writeId}_{date}",
                "20250309-101500-ab12cd34",
                java.time.LocalDate.of(2025, 3, 9)))
        .isEqualTo("load_20250309_101500_ab12cd34_20250309");
  }
}
