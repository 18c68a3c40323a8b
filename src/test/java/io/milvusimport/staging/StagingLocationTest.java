package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StagingLocationTest {
  @Test
  void sendsObjectKeysRelativeToTheBucket() {
    StagingLocation staging = StagingLocation.parse("s3a://milvus-bucket/staging/", null);
    assertThat(staging.bucket()).isEqualTo("milvus-bucket");
    assertThat(staging.writeDirectory("w1")).isEqualTo("s3a://milvus-bucket/staging/w1");
    assertThat(staging.milvusPath("s3a://milvus-bucket/staging/w1/part-00000-ab-00000.json"))
        .isEqualTo("staging/w1/part-00000-ab-00000.json");
  }

  @Test
  void sendsObjectKeysForEmrfsAndLegacyS3Schemes() {
    for (String scheme : new String[] {"s3", "s3n", "S3"}) {
      StagingLocation staging = StagingLocation.parse(scheme + "://milvus-bucket/staging", null);
      assertThat(staging.bucket()).as(scheme).isEqualTo("milvus-bucket");
      assertThat(staging.writeDirectory("w1")).isEqualTo(scheme + "://milvus-bucket/staging/w1");
      assertThat(staging.milvusPath(scheme + "://milvus-bucket/staging/w1/part-00001-cd.json"))
          .as(scheme)
          .isEqualTo("staging/w1/part-00001-cd.json");
    }
  }

  @Test
  void sendsKeysForStagingAtTheBucketRoot() {
    StagingLocation staging = StagingLocation.parse("s3://milvus-bucket/", "milvus-bucket");
    assertThat(staging.root()).isEqualTo("s3://milvus-bucket");
    assertThat(staging.writeDirectory("w1")).isEqualTo("s3://milvus-bucket/w1");
    assertThat(staging.milvusPath("s3://milvus-bucket/w1/part-0/embedding.npy"))
        .isEqualTo("w1/part-0/embedding.npy");
  }

  @Test
  void rejectsEmrfsStagingPathOutsideMilvusBucket() {
    assertThatThrownBy(() -> StagingLocation.parse("s3://data-lake/staging/", "milvus-bucket"))
        .hasMessageContaining("is in bucket 'data-lake'")
        .hasMessageContaining("outside option 'milvusBucket' ('milvus-bucket')");
  }

  @Test
  void acceptsExplicitMilvusBucketThatMatches() {
    assertThat(StagingLocation.parse("s3a://a-bucket/x", "a-bucket").bucket())
        .isEqualTo("a-bucket");
  }

  @Test
  void takesAzureContainerAsBucket() {
    StagingLocation staging =
        StagingLocation.parse("abfss://milvus@acct.dfs.core.windows.net/stage", null);
    assertThat(staging.bucket()).isEqualTo("milvus");
    assertThat(staging.milvusPath("abfss://milvus@acct.dfs.core.windows.net/stage/w/f.json"))
        .isEqualTo("stage/w/f.json");
  }

  @Test
  void sendsAbsolutePathsForLocalStorage() {
    StagingLocation staging = StagingLocation.parse("file:///tmp/stage/", null);
    assertThat(staging.bucket()).isNull();
    assertThat(staging.milvusPath("file:/tmp/stage/w1/part.json"))
        .isEqualTo("/tmp/stage/w1/part.json");
  }

  @Test
  void rejectsStagingPathOutsideMilvusBucket() {
    assertThatThrownBy(() -> StagingLocation.parse("s3a://other/staging", "milvus-bucket"))
        .hasMessageContaining("Option 'stagingPath' ('s3a://other/staging') is in bucket 'other'")
        .hasMessageContaining("outside option 'milvusBucket' ('milvus-bucket')");
  }

  @Test
  void rejectsMilvusBucketForLocalPaths() {
    assertThatThrownBy(() -> StagingLocation.parse("file:///tmp/x", "b"))
        .hasMessageContaining("'milvusBucket' ('b') applies only to object-store staging paths");
  }

  @Test
  void rejectsPathWithoutScheme() {
    assertThatThrownBy(() -> StagingLocation.parse("/tmp/stage", null))
        .hasMessageContaining("Option 'stagingPath' has an invalid value '/tmp/stage'")
        .hasMessageContaining("no file system scheme");
    assertThatThrownBy(() -> StagingLocation.parse("s3a:///stage", null))
        .hasMessageContaining("names no bucket");
  }
}
