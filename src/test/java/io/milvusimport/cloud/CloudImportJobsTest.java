package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.manage.CloudImports;
import io.milvusimport.manage.VolumeManager;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.testkit.cloud.ZillizBed;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cloud import jobs against the Zilliz stand-in, whose cluster is a Milvus stand-in. */
class CloudImportJobsTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  @RegisterExtension static final ZillizBed BED = new ZillizBed(b -> b.rateLimit(1000));
  private static ZillizTestBed bed;

  @BeforeAll
  static void bed() {
    bed = BED.get();
  }

  private static CloudImports imports() {
    return CloudImports.create(bed.options()).withPollInterval(Duration.ofMillis(20));
  }

  private static String volume() {
    String name = "imp_" + NAMES.incrementAndGet();
    VolumeManager.create(bed.options()).createVolume(name);
    return name;
  }

  @Test
  void anImportFromVolumeDataPathsCompletesWithExactRows() {
    String collection = bed.createDocs();
    String vol = volume();
    bed.putInVolume(vol, "batch/a.json", ZillizTestBed.jsonRows(0, 30));
    bed.putInVolume(vol, "batch/sub/b.json", ZillizTestBed.jsonRows(30, 12));
    List<ImportJobStatus> polled = new ArrayList<>();
    String jobId =
        imports()
            .startFromVolume(
                null, collection, null, vol, List.of("batch/a.json", "batch/sub/b.json"));
    ImportJobStatus done = imports().await(jobId, Duration.ofSeconds(20), polled::add);
    assertThat(done.completed()).as(done.failureDescription()).isTrue();
    assertThat(done.importedRows()).isEqualTo(42);
    assertThat(bed.milvus().rows("default", collection)).hasSize(42);
    assertThat(polled).extracting(ImportJobStatus::state).contains("Completed");
    JsonNode sent = last(bed.zilliz().importRequests());
    assertThat(sent.path("clusterId").asText()).isEqualTo(ZillizTestBed.CLUSTER);
    assertThat(sent.path("volumeName").asText()).isEqualTo(vol);
    assertThat(sent.path("dataPaths").toString())
        .isEqualTo("[[\"batch/a.json\"],[\"batch/sub/b.json\"]]");
    assertThat(sent.has("dbName")).isFalse();
  }

  @Test
  void aFolderDataPathImportsTheFilesUnderIt() {
    String collection = bed.createDocs();
    String vol = volume();
    bed.putInVolume(vol, "dir/x.json", ZillizTestBed.jsonRows(100, 5));
    bed.putInVolume(vol, "dir/deeper/y.json", ZillizTestBed.jsonRows(200, 3));
    String jobId = imports().startFromVolume("default", collection, null, vol, List.of("dir/"));
    ImportJobStatus done = imports().await(jobId, Duration.ofSeconds(20), j -> {});
    assertThat(done.completed()).as(done.failureDescription()).isTrue();
    assertThat(bed.milvus().rows("default", collection)).hasSize(8);
    assertThat(done.files())
        .singleElement()
        .satisfies(f -> assertThat(f.fileName()).isEqualTo("dir/"));
    assertThat(last(bed.zilliz().importRequests()).path("dbName").asText()).isEqualTo("default");
  }

  @Test
  void anImportFromObjectUrlsSendsTheCredentialsAndCompletes() {
    String collection = bed.createDocs();
    bed.s3().put(bed.userBucket(), "stage/u.json", ZillizTestBed.jsonRows(0, 7));
    String jobId =
        imports()
            .startFromUrls(
                null,
                collection,
                null,
                List.of("s3://" + bed.userBucket() + "/stage/u.json"),
                ZillizTestBed.URL_ACCESS_KEY,
                ZillizTestBed.URL_SECRET,
                ZillizTestBed.URL_TOKEN);
    ImportJobStatus done = imports().await(jobId, Duration.ofSeconds(20), j -> {});
    assertThat(done.completed()).as(done.failureDescription()).isTrue();
    assertThat(bed.milvus().rows("default", collection)).hasSize(7);
    JsonNode sent = last(bed.zilliz().importRequests());
    assertThat(sent.path("objectUrls").toString())
        .isEqualTo("[[\"s3://" + bed.userBucket() + "/stage/u.json\"]]");
    assertThat(sent.path("secretKey").asText()).isEqualTo(ZillizTestBed.URL_SECRET);
    assertThat(sent.path("token").asText()).isEqualTo(ZillizTestBed.URL_TOKEN);
  }

  @Test
  void aFailedImportSaysZillizsReasonAndNamesTheFileAndImportsNothing() {
    String collection = bed.createDocs();
    String vol = volume();
    bed.putInVolume(vol, "good.json", ZillizTestBed.jsonRows(0, 3));
    bed.putInVolume(
        vol, "bad.json", "{\"rows\":[{\"id\":\"x\"}]}".getBytes(StandardCharsets.UTF_8));
    String jobId =
        imports().startFromVolume(null, collection, null, vol, List.of("good.json", "bad.json"));
    ImportJobStatus done = imports().await(jobId, Duration.ofSeconds(20), j -> {});
    assertThat(done.failed()).isTrue();
    assertThat(done.failureDescription()).contains("bad.json");
    assertThat(done.files()).anySatisfy(f -> assertThat(f.state()).isEqualTo("Failed"));
    assertThat(bed.milvus().rows("default", collection)).isEmpty();
  }

  @Test
  void wrongUrlCredentialsFailTheJobNamingTheUrlAndNeverShowTheSecret() {
    String collection = bed.createDocs();
    bed.s3().put(bed.userBucket(), "stage/d.json", ZillizTestBed.jsonRows(0, 2));
    String url = "s3://" + bed.userBucket() + "/stage/d.json";
    CloudImportSource source = CloudImportSource.urls("ak", "Wrong-Secret-9", null);
    assertThat(source.toString()).doesNotContain("Wrong-Secret-9");
    String jobId =
        imports().startFromUrls(null, collection, null, List.of(url), "ak", "Wrong-Secret-9", null);
    ImportJobStatus done = imports().await(jobId, Duration.ofSeconds(20), j -> {});
    assertThat(done.failed()).isTrue();
    assertThat(done.failureDescription()).contains("AccessDenied", url).doesNotContain("Wrong");
  }

  @Test
  void anUnknownClusterNamesOptionClusterId() {
    Map<String, String> o = new TreeMap<>(bed.options());
    o.put("clusterId", "in01-nope");
    String collection = bed.createDocs();
    assertThatThrownBy(
            () ->
                CloudImports.create(o)
                    .startFromVolume(null, collection, null, volume(), List.of("a.json")))
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("option 'clusterId'")
        .hasMessageContaining("in01-nope");
  }

  @Test
  void aVolumeInAnotherRegionSaysItMustBeInTheClustersRegion() {
    Map<String, String> o = new TreeMap<>(bed.options());
    o.put("regionId", ZillizTestBed.OTHER_REGION);
    VolumeManager.create(o).createVolume("far_away");
    String collection = bed.createDocs();
    assertThatThrownBy(
            () -> imports().startFromVolume(null, collection, null, "far_away", List.of("a.json")))
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("The volume must be in the cluster's region");
  }

  @Test
  void aMissingVolumeIsRefusedAtCreate() {
    String collection = bed.createDocs();
    assertThatThrownBy(
            () -> imports().startFromVolume(null, collection, null, "ghost_vol", List.of("a.json")))
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("No such volume");
  }

  @Test
  void listReadsEveryPageAndFiltersByCollection() {
    String collection = bed.createDocs();
    String other = bed.createDocs();
    String vol = volume();
    bed.putInVolume(vol, "l.json", ZillizTestBed.jsonRows(0, 1));
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(imports().startFromVolume(null, collection, null, vol, List.of("l.json")));
    }
    imports().startFromVolume(null, other, null, vol, List.of("l.json"));
    assertThat(imports().list(collection))
        .extracting(l -> l.status().jobId())
        .containsExactlyInAnyOrderElementsOf(mine);
    assertThat(imports().list(null)).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void describeFallsBackToGetProgressWhenDescribeAnswers404() {
    try (ZillizTestBed old = ZillizTestBed.start(b -> b.withoutDescribeRoute())) {
      String collection = old.createDocs();
      VolumeManager.create(old.options()).createVolume("gp");
      old.putInVolume("gp", "g.json", ZillizTestBed.jsonRows(0, 4));
      CloudImports imports =
          CloudImports.create(old.options()).withPollInterval(Duration.ofMillis(20));
      String jobId = imports.startFromVolume(null, collection, null, "gp", List.of("g.json"));
      ImportJobStatus done = imports.await(jobId, Duration.ofSeconds(20), j -> {});
      assertThat(done.completed()).isTrue();
      assertThat(old.zilliz().requests())
          .contains(
              "POST /v2/vectordb/jobs/import/describe",
              "POST /v2/vectordb/jobs/import/getProgress");
    }
  }

  @Test
  void twoPhaseImportIsNotOfferedAndCommitSaysWhy() {
    CloudImportJobs jobs = jobsInto("c");
    assertThat(jobs.supportsTwoPhaseImport()).isFalse();
    assertThatThrownBy(() -> jobs.commit("job-1"))
        .isInstanceOf(MilvusImportException.class)
        .hasMessageContaining("not known to exist on Zilliz Cloud");
  }

  @Test
  void jobNotFoundAndJobLimitAreRecognised() {
    CloudImportJobs jobs = jobsInto("c");
    MilvusServerException notFound =
        (MilvusServerException)
            org.assertj.core.api.Assertions.catchThrowable(() -> jobs.describe("job-missing"));
    assertThat(jobs.isJobNotFound(notFound)).isTrue();
    assertThat(jobs.isJobLimit(notFound)).isFalse();
    assertThat(
            jobs.isJobLimit(
                new ZillizCloudException(
                    "x", 2101, "The number of jobs has reached the limit, please try again", 200)))
        .isTrue();
  }

  @Test
  void withoutClusterIdOrProjectAndRegionTheOptionIsNamed() {
    Map<String, String> o = new TreeMap<>(bed.options());
    o.remove("clusterId");
    o.remove("regionId");
    assertThatThrownBy(
            () ->
                new CloudImportJobs(
                    CloudConnection.parse(o).client(), null, "c", CloudImportSource.volume("v")))
        .hasMessageContaining("Option 'clusterId' is required");
  }

  private static CloudImportJobs jobsInto(String collection) {
    return new CloudImportJobs(
        CloudConnection.parse(bed.options()).client(),
        null,
        collection,
        CloudImportSource.volume("v"));
  }

  private static JsonNode last(List<JsonNode> list) {
    return list.get(list.size() - 1);
  }
}
