package io.milvusimport.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.ImportFailedException;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingLocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestAddressingTest {
  private static final StagedFile JSON =
      new StagedFile(List.of("s3a://b/stage/w/part-0.json"), 10, 100);
  private static final StagedFile NPY_GROUP =
      new StagedFile(
          List.of("s3a://b/stage/w/part-1/id.npy", "s3a://b/stage/w/part-1/v.npy"), 10, 100);

  @Test
  void milvusKeysListEveryPartAsABucketKey() {
    RequestAddressing keys =
        RequestAddressing.milvusKeys(StagingLocation.parse("s3a://b/stage", null));
    assertThat(keys.paths(JSON)).containsExactly("stage/w/part-0.json");
    assertThat(keys.paths(NPY_GROUP))
        .containsExactly("stage/w/part-1/id.npy", "stage/w/part-1/v.npy");
  }

  @Test
  void objectUrlsNameAFileOrAnNpyFolder() {
    RequestAddressing urls = RequestAddressing.objectUrls();
    assertThat(urls.paths(JSON)).containsExactly("s3://b/stage/w/part-0.json");
    assertThat(urls.paths(NPY_GROUP)).containsExactly("s3://b/stage/w/part-1/");
  }

  @Test
  void volumeDataPathsAreRelativeToTheVolume() {
    RequestAddressing paths = RequestAddressing.volumeDataPaths("vol");
    assertThat(
            paths.paths(
                new StagedFile(List.of("zilliz-volume://vol/milvus-import/w/p.parquet"), 1, 1)))
        .containsExactly("milvus-import/w/p.parquet");
    assertThat(
            paths.paths(
                new StagedFile(
                    List.of(
                        "zilliz-volume://vol/milvus-import/w/p-1/a.npy",
                        "zilliz-volume://vol/milvus-import/w/p-1/b.npy"),
                    1,
                    1)))
        .containsExactly("milvus-import/w/p-1/");
  }

  @Test
  void aMixedGroupCannotBeAddressedOnZilliz() {
    StagedFile mixed = new StagedFile(List.of("s3a://b/w/a.json", "s3a://b/w/v.npy"), 1, 1);
    assertThatThrownBy(() -> RequestAddressing.objectUrls().paths(mixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one file or one NumPy folder");
  }

  @Test
  void zillizJobsHoldAtMostOneThousandFiles() {
    List<StagedFile> files = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      files.add(new StagedFile(List.of("s3a://b/w/part-" + i + ".json"), 1, 1));
    }
    WriteManifest manifest =
        WriteManifest.plan("w", "db", "c", null, files, ImportLimits.ZILLIZ.maxFilesPerJob());
    assertThat(manifest.jobs).extracting(job -> job.fileCount).containsExactly(1000, 1000, 500);
    assertThat(
            ImportJobPlan.requestFiles(
                manifest.jobs.get(2), manifest.files, RequestAddressing.objectUrls()))
        .hasSize(500)
        .first()
        .isEqualTo(List.of("s3://b/w/part-2000.json"));
  }

  @Test
  void fileOverTenGigabytesFailsAZillizWriteNamingFileAndSize() {
    StagedFile exact = new StagedFile(List.of("s3a://b/w/ok.parquet"), 1, 10L << 30);
    StagedFile big =
        new StagedFile(
            List.of("s3a://b/w/big/a.npy", "s3a://b/w/big/b.npy"), 1, (10L << 30) + (1L << 29));
    ImportLimits.ZILLIZ.checkFileSizes(List.of(exact), "w");
    ImportLimits.MILVUS.checkFileSizes(List.of(big), "w");
    assertThatThrownBy(() -> ImportLimits.ZILLIZ.checkFileSizes(List.of(exact, big), "w7"))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("s3a://b/w/big/a.npy (+1)")
        .hasMessageContaining("(10.5 GB)")
        .hasMessageContaining("of write w7")
        .hasMessageContaining("Zilliz Cloud's 10 GB per-file limit")
        .hasMessageContaining("no import job was created");
  }

  @Test
  void inMemoryManifestStoreWritesNothingAndHasNothingToResume() {
    ManifestStore store = ManifestStore.inMemory();
    WriteManifest manifest = WriteManifest.plan("w", "db", "c", null, List.of(JSON), 10);
    store.save(manifest);
    manifest.jobCreating(manifest.jobs.get(0), "key");
    store.save(manifest);
    assertThat(store.inMemoryOnly()).isTrue();
    assertThat(store.location()).isEqualTo("memory");
    assertThat(store.load()).isNull();
  }
}
