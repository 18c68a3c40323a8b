package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.commit.ImportLimits;
import io.milvusimport.staging.StagedFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudWriteOptionsTest {
  private static Map<String, String> volumeWrite() {
    Map<String, String> options = new HashMap<>();
    options.put("clusterId", "in01-0123456789abcdef");
    options.put("cloudApiKey", "api-key-secret-1");
    options.put("collection", "docs");
    options.put("volume", "vol_1");
    return options;
  }

  private static Map<String, String> bucketWrite() {
    Map<String, String> options = volumeWrite();
    options.remove("volume");
    options.put("stagingPath", "s3a://my-bucket/staging/");
    options.put("cloudAccessKey", "AKIAEXAMPLE");
    options.put("cloudSecretKey", "secret-key-2");
    return options;
  }

  private static ImportOptions parse(Map<String, String> options) {
    return ImportOptions.parse(options);
  }

  private static Map<String, String> with(Map<String, String> options, String key, String value) {
    options.put(key, value);
    return options;
  }

  @Test
  void clusterIdMakesAZillizWriteWithTheDocumentedDefaults() {
    ImportOptions options = parse(volumeWrite());
    CloudWriteOptions cloud = options.cloud();
    assertThat(cloud).isNotNull();
    assertThat(cloud.connection().endpoint().toString()).isEqualTo("https://api.cloud.zilliz.com");
    assertThat(cloud.api()).isEqualTo(io.milvusimport.cloud.CloudApi.VOLUMES);
    assertThat(cloud.clusterId()).isEqualTo("in01-0123456789abcdef");
    assertThat(cloud.volume()).isEqualTo("vol_1");
    assertThat(cloud.volumePath()).isEqualTo("milvus-import/");
    assertThat(options.uri()).isNull();
    assertThat(options.maxFilesPerJob()).isEqualTo(1000);
    assertThat(options.limits()).isSameAs(ImportLimits.ZILLIZ);
    assertThat(options.staging().writeDirectory("w1"))
        .isEqualTo("zilliz-volume://vol_1/milvus-import/w1");
    assertThat(options.manifestRoot()).isNull();
  }

  @Test
  void milvusWritesKeepMilvusAddressingAndLimits() {
    Map<String, String> options = new HashMap<>();
    options.put("uri", "http://milvus:19530");
    options.put("collection", "docs");
    options.put("stagingPath", "s3a://milvus-bucket/staging/");
    ImportOptions parsed = parse(options);
    assertThat(parsed.cloud()).isNull();
    assertThat(parsed.limits()).isSameAs(ImportLimits.MILVUS);
    assertThat(parsed.manifestRoot()).isEqualTo("s3a://milvus-bucket/staging");
    assertThat(
            parsed
                .addressing()
                .paths(new StagedFile(List.of("s3a://milvus-bucket/staging/w/a.json"), 1, 1)))
        .containsExactly("staging/w/a.json");
  }

  @Test
  void projectAndRegionNameATargetTogether() {
    Map<String, String> options = volumeWrite();
    options.remove("clusterId");
    options.put("projectId", "proj-1");
    options.put("regionId", "aws-us-west-2");
    assertThat(parse(options).cloud().regionId()).isEqualTo("aws-us-west-2");

    options.remove("regionId");
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'projectId'")
        .hasMessageContaining("'regionId'");
  }

  @Test
  void missingApiKeyNamesTheOption() {
    Map<String, String> options = volumeWrite();
    options.remove("cloudApiKey");
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'cloudApiKey' is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"volume", "cloudApiKey", "cloudAccessKey", "manifestPath"})
  void cloudOnlyOptionsWithoutAZillizTargetAreRefused(String key) {
    Map<String, String> options = new HashMap<>();
    options.put("uri", "http://milvus:19530");
    options.put("collection", "docs");
    options.put("stagingPath", "s3a://milvus-bucket/staging/");
    options.put(key, "x");
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option '" + key + "' applies only to writes into Zilliz Cloud")
        .hasMessageContaining("'clusterId'");
  }

  @Test
  void stagesEndpointAndApiChoiceAreParsed() {
    Map<String, String> options = volumeWrite();
    options.put("cloudApi", "STAGES");
    options.put("cloudEndpoint", "https://api.cloud.zilliz.com.cn/");
    CloudWriteOptions cloud = parse(options).cloud();
    assertThat(cloud.api()).isEqualTo(io.milvusimport.cloud.CloudApi.STAGES);
    assertThat(cloud.connection().endpoint().toString())
        .isEqualTo("https://api.cloud.zilliz.com.cn");

    assertThatThrownBy(() -> parse(with(volumeWrite(), "cloudApi", "buckets")))
        .hasMessageContaining("Option 'cloudApi' has an invalid value 'buckets'")
        .hasMessageContaining("volumes (the default) or stages");
    assertThatThrownBy(() -> parse(with(volumeWrite(), "cloudEndpoint", "ftp://x")))
        .hasMessageContaining("Option 'cloudEndpoint' has an invalid value");
  }

  @Test
  void endpointWithCredentialsIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(
            () ->
                parse(with(volumeWrite(), "cloudEndpoint", "https://user:hunter2@api.zilliz.com")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'cloudEndpoint'")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void volumeAndStagingPathCannotBeCombined() {
    assertThatThrownBy(() -> parse(with(volumeWrite(), "stagingPath", "s3a://b/stage/")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Options 'volume' and 'stagingPath' cannot be combined")
        .hasMessageContaining("manifestPath");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1vol", "vol.name", "vol/x", ""})
  void invalidVolumeNamesAreRefusedWithTheRule(String name) {
    Map<String, String> options = with(volumeWrite(), "volume", name);
    if (name.isEmpty()) {
      options.remove("volume");
      options.put("volumePath", "x/");
      assertThatThrownBy(() -> parse(options))
          .hasMessageContaining("Option 'volumePath' applies only with option 'volume'");
      return;
    }
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'volume' has an invalid value '" + name + "'")
        .hasMessageContaining("starts with a letter or '_'");
  }

  @Test
  void volumeNameOfSixtyFiveCharactersIsRefused() {
    assertThat(parse(with(volumeWrite(), "volume", "v".repeat(64))).cloud().volume()).hasSize(64);
    assertThatThrownBy(() -> parse(with(volumeWrite(), "volume", "v".repeat(65))))
        .hasMessageContaining("at most 64 characters");
  }

  @Test
  void volumePathIsNormalisedAsTheContractSays() {
    assertThat(CloudWriteOptions.normaliseVolumePath("/")).isEmpty();
    assertThat(CloudWriteOptions.normaliseVolumePath("")).isEmpty();
    assertThat(CloudWriteOptions.normaliseVolumePath("/loads\\daily")).isEqualTo("loads/daily/");
    assertThat(CloudWriteOptions.normaliseVolumePath("a//b/")).isEqualTo("a/b/");
    assertThatThrownBy(() -> CloudWriteOptions.normaliseVolumePath("a/../b"))
        .hasMessageContaining("Option 'volumePath' has an invalid value 'a/../b'");
    ImportOptions root = parse(with(volumeWrite(), "volumePath", "/"));
    assertThat(root.staging().writeDirectory("w1")).isEqualTo("zilliz-volume://vol_1/w1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///tmp/stage", "hdfs://nn:8020/stage", "abfs://c@acct/stage"})
  void stagingPathsZillizCannotReadAreRefusedAtParseTime(String path) {
    assertThatThrownBy(() -> parse(with(bucketWrite(), "stagingPath", path)))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'stagingPath' is '" + path + "'")
        .hasMessageContaining("Zilliz Cloud reads only object-store URLs");
  }

  @Test
  void ownBucketWriteAddressesFilesByObjectUrl() {
    ImportOptions options = parse(bucketWrite());
    assertThat(options.manifestRoot()).isEqualTo("s3a://my-bucket/staging");
    assertThat(
            options
                .addressing()
                .paths(new StagedFile(List.of("s3a://my-bucket/staging/w/a.json"), 1, 1)))
        .containsExactly("s3://my-bucket/staging/w/a.json");
  }

  @Test
  void bucketCredentialsDefaultToTheS3aWriteOptions() {
    Map<String, String> options = bucketWrite();
    options.remove("cloudAccessKey");
    options.remove("cloudSecretKey");
    options.put("fs.s3a.access.key", "AKIAFROMFS");
    options.put("fs.s3a.secret.key", "fs-secret");
    options.put("fs.s3a.session.token", "fs-token");
    CloudWriteOptions cloud = parse(options).cloud();
    assertThat(cloud.accessKey()).isEqualTo("AKIAFROMFS");
    assertThat(cloud.secretKey()).isEqualTo("fs-secret");
    assertThat(cloud.sessionToken()).isEqualTo("fs-token");

    options.put("cloudSecretKey", "explicit");
    assertThat(parse(options).cloud().secretKey()).isEqualTo("explicit");
  }

  @Test
  void bucketWriteWithoutCredentialsNamesTheMissingOption() {
    Map<String, String> options = bucketWrite();
    options.remove("cloudSecretKey");
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'cloudSecretKey' is required")
        .hasMessageContaining("fs.s3a.secret.key");
  }

  @Test
  void volumeWriteRefusesBucketCredentials() {
    assertThatThrownBy(() -> parse(with(volumeWrite(), "cloudSessionToken", "t")))
        .hasMessageContaining("Option 'cloudSessionToken' is for staging in your own bucket");
  }

  @Test
  void noSecretAppearsInToString() {
    Map<String, String> options = bucketWrite();
    options.put("cloudSessionToken", "session-token-3");
    options.put("uri", "https://in01.example.zillizcloud.com");
    options.put("token", "cluster-token-4");
    String text = parse(options).toString();
    assertThat(text)
        .contains("clusterId=in01-0123456789abcdef")
        .doesNotContain("api-key-secret-1")
        .doesNotContain("secret-key-2")
        .doesNotContain("session-token-3")
        .doesNotContain("cluster-token-4")
        .doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void milvusOnlyOptionsAreRefusedForZillizWrites() {
    assertThatThrownBy(() -> parse(with(volumeWrite(), "atomic", "true")))
        .hasMessageContaining("Option 'atomic' has an invalid value 'true'")
        .hasMessageContaining("two-phase import")
        .hasMessageContaining("unconfirmed");
    assertThat(parse(with(volumeWrite(), "atomic", "auto")).atomic())
        .isEqualTo(ImportOptions.Atomic.AUTO);
    assertThatThrownBy(() -> parse(with(volumeWrite(), "snapshot", "s_{writeId}")))
        .hasMessageContaining("Option 'snapshot'");
    assertThatThrownBy(() -> parse(with(volumeWrite(), "snapshotBefore", "s_{writeId}")))
        .hasMessageContaining("Option 'snapshotBefore'");
    assertThatThrownBy(() -> parse(with(bucketWrite(), "milvusBucket", "b")))
        .hasMessageContaining("Option 'milvusBucket' applies to Milvus only");
    assertThatThrownBy(() -> parse(with(volumeWrite(), "format", "json-npy")))
        .hasMessageContaining("Option 'format' has an invalid value 'json-npy'")
        .hasMessageContaining("json, npy or parquet for a write into Zilliz Cloud");
  }

  @Test
  void fileSizeAndFilesPerJobAreCappedAtZillizLimits() {
    assertThat(parse(with(volumeWrite(), "maxFileSize", "9g")).maxFileSize()).isEqualTo(9L << 30);
    assertThatThrownBy(() -> parse(with(volumeWrite(), "maxFileSize", "10g")))
        .hasMessageContaining("Option 'maxFileSize' has an invalid value '10g'")
        .hasMessageContaining("Zilliz Cloud refuses files over 10 GB");
    assertThat(parse(with(volumeWrite(), "maxFilesPerJob", "1000")).maxFilesPerJob())
        .isEqualTo(1000);
    assertThatThrownBy(() -> parse(with(volumeWrite(), "maxFilesPerJob", "1001")))
        .hasMessageContaining("an integer from 1 to 1000");
  }

  @Test
  void resumingAVolumeWriteNeedsItsManifestPath() {
    assertThatThrownBy(() -> parse(with(volumeWrite(), "resumeWriteId", "20250101-120000-ab")))
        .hasMessageContaining("Option 'resumeWriteId' needs the write's manifest")
        .hasMessageContaining("'manifestPath'");
    Map<String, String> options = with(volumeWrite(), "resumeWriteId", "20250101-120000-ab");
    options.put("manifestPath", "s3a://my-bucket/manifests/");
    assertThat(parse(options).manifestRoot()).isEqualTo("s3a://my-bucket/manifests");
  }

  @Test
  void manifestPathAppliesToVolumeWritesOnly() {
    assertThatThrownBy(() -> parse(with(bucketWrite(), "manifestPath", "s3a://b/m/")))
        .hasMessageContaining("Option 'manifestPath' applies only with option 'volume'");
    assertThatThrownBy(() -> parse(with(volumeWrite(), "manifestPath", "no-scheme")))
        .hasMessageContaining("Option 'manifestPath' has an invalid value 'no-scheme'");
  }

  @Test
  void tlsOptionsWithoutAClusterUriAreRefused() {
    assertThatThrownBy(() -> parse(with(volumeWrite(), "caPemPath", "/tmp/ca.pem")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'caPemPath' applies to TLS towards option 'uri'");
  }
}
