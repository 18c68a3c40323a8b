package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.manage.VolumeManager;
import io.milvusimport.testkit.cloud.ZillizBed;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Volume management against the Zilliz control-plane stand-in. */
class VolumesTest {
  @RegisterExtension
  static final ZillizBed BED = new ZillizBed(b -> b.rateLimit(1000).maxVolumes(150));

  private static ZillizTestBed bed;

  @BeforeAll
  static void bed() {
    bed = BED.get();
  }

  private static Map<String, String> options(String key, String value) {
    Map<String, String> o = new TreeMap<>(bed.options());
    o.put(key, value);
    return o;
  }

  @Test
  void aVolumeIsCreatedDescribedListedAndDeletedWithBearerAuth() {
    VolumeManager m = VolumeManager.create(bed.options());
    Volume made = m.createVolume("round_trip");
    assertThat(made.name()).isEqualTo("round_trip");
    assertThat(made.type()).isEqualTo("MANAGED");
    assertThat(made.regionId()).isEqualTo(ZillizTestBed.REGION);
    assertThat(made.status()).isEqualTo("RUNNING");
    assertThat(m.describeVolume("round_trip").createTime()).isEqualTo(made.createTime());
    assertThat(m.listVolumes()).extracting(Volume::name).contains("round_trip");
    m.deleteVolume("round_trip");
    assertThat(bed.zilliz().volumeNames()).doesNotContain("round_trip");
    assertThat(bed.zilliz().requests())
        .contains(
            "POST /v2/volumes/create",
            "GET /v2/volumes/round_trip",
            "DELETE /v2/volumes/round_trip");
    assertThat(bed.zilliz().authorizations())
        .allMatch(a -> a.equals("Bearer " + ZillizTestBed.API_KEY));
  }

  @Test
  void listingReadsEveryPageAndFiltersByType() {
    VolumeManager m = VolumeManager.create(bed.options());
    for (int i = 0; i < 105; i++) {
      m.createVolume(String.format("paged_%03d", i));
    }
    m.createExternalVolume("ext_one", "integ-1", "data/in/");
    List<String> names = m.listVolumes().stream().map(Volume::name).collect(Collectors.toList());
    assertThat(names).filteredOn(n -> n.startsWith("paged_")).hasSize(105);
    assertThat(m.listVolumes("EXTERNAL")).extracting(Volume::name).containsExactly("ext_one");
    assertThat(m.describeVolume("ext_one").path()).isEqualTo("data/in/");
    assertThat(bed.zilliz().requests().stream().filter(r -> r.equals("GET /v2/volumes")).count())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void anInvalidNameIsRefusedBeforeAnyRequestSayingTheRule() {
    int before = bed.zilliz().requests().size();
    assertThatThrownBy(() -> VolumeManager.create(bed.options()).createVolume("9lives"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("'9lives'")
        .hasMessageContaining("at most 64 characters, starting with a letter or '_'");
    assertThat(bed.zilliz().requests()).hasSize(before);
  }

  @Test
  void aMissingVolumeSaysSoAndPointsToTheList() {
    assertThatThrownBy(() -> VolumeManager.create(bed.options()).describeVolume("nowhere"))
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("No such volume")
        .hasMessageContaining("volume nowhere does not exist");
  }

  @Test
  void aWrongApiKeySaysCheckCloudApiKeyWithoutRepeatingIt() {
    Map<String, String> o = options("cloudApiKey", "wrong-Key-123");
    assertThatThrownBy(() -> VolumeManager.create(o).listVolumes())
        .isInstanceOf(MilvusServerException.class)
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("check option 'cloudApiKey'")
        .hasMessageContaining("ZILLIZ_API_KEY")
        .hasMessageNotContaining("wrong-Key-123")
        .satisfies(e -> assertThat(((ZillizCloudException) e).authentication()).isTrue());
  }

  @Test
  void transientServerErrorsAreRetried() {
    bed.zilliz().fail("/v2/volumes", 503, 2);
    assertThat(VolumeManager.create(bed.options()).listVolumes()).isNotNull();
  }

  @Test
  void applyNormalisesTheDirectoryAndParsesTheCredentials() {
    VolumeManager m = VolumeManager.create(bed.options());
    m.createVolume("apply_me");
    VolumeCredentials c = m.applyCredentials("apply_me", "\\batch\\one");
    assertThat(c.volumeName()).isEqualTo("apply_me");
    assertThat(c.volumePrefix()).isEqualTo(bed.zilliz().volumePrefix("apply_me"));
    assertThat(c.uploadPath()).endsWith("batch/one/");
    assertThat(c.accessKey()).startsWith("STANDIN-AK-");
    assertThat(c.toString()).doesNotContain(c.secretKey());
    assertThatThrownBy(() -> m.applyCredentials("apply_me", "../up"))
        .isInstanceOf(InvalidOptionException.class);
  }

  @Test
  void anExternalVolumeTakesNoUploads() {
    VolumeManager m = VolumeManager.create(bed.options());
    m.createExternalVolume("ext_no_upload", "integ-2", "x/");
    assertThatThrownBy(() -> m.applyCredentials("ext_no_upload", ""))
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("EXTERNAL");
    assertThatThrownBy(() -> m.createExternalVolume("ext_bad", "integ-2", "no-slash"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("ending with '/'");
  }

  @Test
  void theStageApiUsesTheOldPathsAndFieldsAndHasNoDescribe() {
    VolumeManager m = VolumeManager.create(options("cloudApi", "stages"));
    assertThat(m.createVolume("old_stage").name()).isEqualTo("old_stage");
    assertThat(m.listVolumes()).extracting(Volume::name).contains("old_stage");
    VolumeCredentials c = m.applyCredentials("old_stage", "d");
    assertThat(c.volumeName()).isEqualTo("old_stage");
    assertThat(c.volumePrefix()).isEqualTo(bed.zilliz().volumePrefix("old_stage"));
    assertThatThrownBy(() -> m.describeVolume("old_stage"))
        .isInstanceOf(MilvusImportException.class)
        .hasMessageContaining("no describe");
    m.deleteVolume("old_stage");
    assertThat(bed.zilliz().requests())
        .contains(
            "POST /v2/stages/create",
            "GET /v2/stages",
            "POST /v2/stages/apply",
            "DELETE /v2/stages/old_stage");
  }

  @Test
  void theOrganisationsVolumeLimitIsAnsweredAsARefusal() {
    try (ZillizTestBed small = ZillizTestBed.start(b -> b.maxVolumes(2))) {
      VolumeManager m = VolumeManager.create(small.options());
      m.createVolume("one");
      m.createVolume("two");
      assertThatThrownBy(() -> m.createVolume("three"))
          .isInstanceOf(ZillizCloudException.class)
          .hasMessageContaining("limit of 2 volumes");
      assertThat(small.zilliz().volumeNames()).containsExactly("one", "two");
    }
  }

  @Test
  void theRateLimitIsWaitedOutNotGivenUpOn() {
    try (ZillizTestBed limited = ZillizTestBed.start(b -> b.rateLimit(2))) {
      VolumeManager m = VolumeManager.create(limited.options());
      for (int i = 0; i < 8; i++) {
        assertThat(m.listVolumes()).isEmpty();
      }
      assertThat(limited.zilliz().rateLimitedRequests()).isPositive();
    }
  }

  @Test
  void aRateLimitThatOutlastsTheWaitSaysSoAndNamesTheOption() {
    try (ZillizTestBed limited = ZillizTestBed.start(b -> b)) {
      limited.zilliz().fail("/v2/volumes", 429, 1000);
      Map<String, String> o = new TreeMap<>(limited.options());
      o.put("cloudRateLimitWait", "300ms");
      assertThatThrownBy(() -> VolumeManager.create(o).listVolumes())
          .isInstanceOf(MilvusImportException.class)
          .hasMessageContaining("rate limit")
          .hasMessageContaining("'cloudRateLimitWait'");
    }
  }
}
