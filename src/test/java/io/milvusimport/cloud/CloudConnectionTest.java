package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudConnectionTest {
  @Test
  void defaultsToTheGlobalControlPlaneAndTheVolumeApi() {
    CloudConnection c = CloudConnection.parse(Map.of("cloudApiKey", "k-Secret-1"));
    assertThat(c.endpoint()).hasToString("https://api.cloud.zilliz.com");
    assertThat(c.api()).isEqualTo(CloudApi.VOLUMES);
    assertThat(c.clusterId()).isNull();
  }

  @Test
  void keysAreCaseInsensitiveAndStagesSelectTheOldPaths() {
    CloudConnection c =
        CloudConnection.parse(
            Map.of(
                "CLOUDAPI",
                "Stages",
                "clusterid",
                "in01-x",
                "cloudEndpoint",
                "http://127.0.0.1:9/"));
    assertThat(c.api()).isEqualTo(CloudApi.STAGES);
    assertThat(c.api().basePath()).isEqualTo("/v2/stages");
    assertThat(c.clusterId()).isEqualTo("in01-x");
    assertThat(c.endpoint()).hasToString("http://127.0.0.1:9");
  }

  @Test
  void anUnknownCloudApiNamesTheOptionTheValueAndWhatIsAccepted() {
    assertThatThrownBy(() -> CloudConnection.parse(Map.of("cloudApi", "buckets")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'cloudApi'")
        .hasMessageContaining("'buckets'")
        .hasMessageContaining("volumes (the default) or stages");
  }

  @Test
  void anEndpointWithCredentialsOrAQueryIsRefused() {
    assertThatThrownBy(
            () -> CloudConnection.parse(Map.of("cloudEndpoint", "ftp://api.cloud.zilliz.com")))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'cloudEndpoint'")
        .hasMessageContaining("https://api.cloud.zilliz.com");
    assertThatThrownBy(
            () ->
                CloudConnection.parse(Map.of("cloudEndpoint", "https://api.cloud.zilliz.com?x=1")))
        .isInstanceOf(InvalidOptionException.class);
  }

  @Test
  void theApiKeyIsNeverInToString() {
    CloudConnection c =
        CloudConnection.parse(Map.of("cloudApiKey", "k-Secret-1", "projectId", "proj-1"));
    assertThat(c.toString()).contains("proj-1", "apiKey=***").doesNotContain("k-Secret-1");
    assertThat(c.client().toString()).doesNotContain("k-Secret-1");
  }

  @Test
  void aMissingApiKeyNamesTheOptionAndTheCommandLineForms() {
    CloudConnection c = CloudConnection.parse(Map.of("projectId", "proj-1"));
    assertThatThrownBy(() -> new Volumes(c.client()).list())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'cloudApiKey'")
        .hasMessageContaining("ZILLIZ_API_KEY")
        .hasMessageContaining("--api-key-file");
  }

  @Test
  void directoriesAreNormalisedByTheKeyRuleAndDotDotIsRefused() {
    assertThat(VolumePaths.directory("")).isEmpty();
    assertThat(VolumePaths.directory("/")).isEmpty();
    assertThat(VolumePaths.directory("/data/a")).isEqualTo("data/a/");
    assertThat(VolumePaths.directory("data\\b\\")).isEqualTo("data/b/");
    assertThatThrownBy(() -> VolumePaths.directory("data/../x"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'..'");
  }

  @Test
  void volumeNamesFollowTheContractsRule() {
    assertThat(VolumePaths.checkName("_vol-1", CloudApi.VOLUMES)).isEqualTo("_vol-1");
    assertThat(VolumePaths.checkName("v".repeat(64), CloudApi.VOLUMES)).hasSize(64);
    for (String bad : new String[] {"1vol", "-vol", "vol.a", "v".repeat(65), ""}) {
      assertThatThrownBy(() -> VolumePaths.checkName(bad, CloudApi.VOLUMES))
          .as(bad)
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("starting with a letter or '_'");
    }
  }
}
