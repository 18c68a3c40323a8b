package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectUrlsTest {
  @Test
  void hadoopS3SchemesBecomeS3Urls() {
    assertThat(ObjectUrls.url("s3a://b/stage/w/part-0.json"))
        .isEqualTo("s3://b/stage/w/part-0.json");
    assertThat(ObjectUrls.url("s3://b/k.parquet")).isEqualTo("s3://b/k.parquet");
    assertThat(ObjectUrls.url("s3n://b/k.parquet")).isEqualTo("s3://b/k.parquet");
    assertThat(ObjectUrls.url("S3A://b/k.json")).isEqualTo("s3://b/k.json");
  }

  @Test
  void gcsUrlsStayAndFoldersKeepTheirSlash() {
    assertThat(ObjectUrls.url("gs://b/k.json")).isEqualTo("gs://b/k.json");
    assertThat(ObjectUrls.url("s3a://b/stage/w/part-1/")).isEqualTo("s3://b/stage/w/part-1/");
  }

  @Test
  void otherStoresAreNotMapped() {
    assertThatThrownBy(() -> ObjectUrls.url("file:///tmp/a.json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectUrls.url("hdfs://nn/a.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void npyGroupIsItsFolderWithATrailingSlash() {
    assertThat(
            ObjectUrls.npyGroupFolder(
                List.of("s3a://b/w/part-00000-ab-0/id.npy", "s3a://b/w/part-00000-ab-0/vec.npy")))
        .isEqualTo("s3a://b/w/part-00000-ab-0/");
    assertThat(ObjectUrls.npyGroupFolder(List.of("s3a://b/w/part-0/id.npy")))
        .isEqualTo("s3a://b/w/part-0/");
    assertThat(ObjectUrls.npyGroupFolder(List.of("s3a://b/w/part-0.json"))).isNull();
    assertThat(ObjectUrls.npyGroupFolder(List.of("s3a://b/w/a/id.npy", "s3a://b/w/b/v.npy")))
        .isNull();
  }

  @Test
  void volumeFilesAreAddressedRelativeToTheVolumeRoot() {
    assertThat(ObjectUrls.volumeDataPath("zilliz-volume://vol/milvus-import/w/a.parquet", "vol"))
        .isEqualTo("milvus-import/w/a.parquet");
    assertThat(ObjectUrls.volumeDataPath("zilliz-volume://vol/w/part-1/", "vol"))
        .isEqualTo("w/part-1/");
    assertThatThrownBy(() -> ObjectUrls.volumeDataPath("zilliz-volume://other/a.json", "vol"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in Zilliz Cloud volume vol");
  }

  @Test
  void volumeLocationNamesFilesUnderTheVolumePath() {
    StagingLocation location = StagingLocation.volume("vol", "loads/");
    assertThat(location.volume()).isEqualTo("vol");
    assertThat(location.bucket()).isNull();
    assertThat(location.writeDirectory("w1")).isEqualTo("zilliz-volume://vol/loads/w1");
    assertThat(location.toString()).contains("Zilliz Cloud volume vol");
  }
}
