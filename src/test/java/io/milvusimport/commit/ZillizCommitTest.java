package io.milvusimport.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.ImportFailedException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.format.SkippedRows;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The commit with Zilliz Cloud's addressing and limits, through a recording {@link ImportJobsApi}
 * (the control-plane client plugs in through {@link ImportJobsFactory}): what the service would
 * receive, job by job, and what a volume write without a manifest path says when the outcome is
 * unknown.
 */
class ZillizCommitTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Records every create; answers describe from {@code state}. */
  private static final class RecordingJobs implements ImportJobsApi {
    final List<List<List<String>>> creates = new ArrayList<>();
    final Map<String, Long> rowsByJob = new HashMap<>();
    final Map<String, Long> rowsByPath;
    boolean forgetJobs;

    RecordingJobs(Map<String, Long> rowsByPath) {
      this.rowsByPath = rowsByPath;
    }

    @Override
    public synchronized String create(
        List<List<String>> files,
        String partition,
        Map<String, String> options,
        String idempotencyKey,
        boolean mayAlreadyExist,
        Supplier<String> findExisting) {
      creates.add(files);
      String id = "job-" + creates.size();
      long rows = 0;
      for (List<String> paths : files) {
        rows += rowsByPath.get(paths.get(0));
      }
      rowsByJob.put(id, rows);
      return id;
    }

    @Override
    public synchronized ImportJobStatus describe(String jobId) {
      if (forgetJobs) {
        throw new MilvusServerException("/describe", 100, "import job does not exist");
      }
      ObjectNode data = JSON.createObjectNode();
      data.put("state", "Completed");
      data.put("progress", 100);
      data.put("importedRows", rowsByJob.get(jobId));
      data.put("totalRows", rowsByJob.get(jobId));
      return ImportJobStatus.parse(jobId, data);
    }

    @Override
    public List<ImportJobStatus> list() {
      return List.of();
    }

    @Override
    public void commit(String jobId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void abort(String jobId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean supportsTwoPhaseImport() {
      return false;
    }

    @Override
    public boolean isJobLimit(MilvusServerException e) {
      return false;
    }

    @Override
    public boolean isJobNotFound(MilvusServerException e) {
      return e.serverMessage().contains("does not exist");
    }
  }

  /** A volume write without {@code manifestPath}, as the writer's options describe it. */
  private static final class VolumeSettings implements CommitSettings {
    private final MilvusConnection connection =
        MilvusConnection.parseOptionalUri(
            new OptionValues(Map.of("pollinterval", "10ms", "maxpollinterval", "20ms")));
    private final RecordingJobs jobs;

    VolumeSettings(RecordingJobs jobs) {
      this.jobs = jobs;
    }

    // @formatter:off
    @Override
    public MilvusConnection connection() {
      return connection;
    }

    @Override
    public String collection() {
      return "docs";
    }

    @Override
    public String partition() {
      return null;
    }

    @Override
    public StagingLocation staging() {
      return StagingLocation.volume("vol", "milvus-import/");
    }

    @Override
    public String manifestRoot() {
      return null;
    }

    @Override
    public RequestAddressing addressing() {
      return RequestAddressing.volumeDataPaths("vol");
    }

    @Override
    public ImportLimits limits() {
      return ImportLimits.ZILLIZ;
    }

    @Override
    public ImportJobsFactory importJobs() {
      return (settings, retry) -> jobs;
    }

    @Override
    public String formatName() {
      return "json";
    }

    @Override
    public int maxFilesPerJob() {
      return 1000;
    }

    @Override
    public Duration pollInterval() {
      return Duration.ofMillis(10);
    }

    @Override
    public Duration maxPollInterval() {
      return Duration.ofMillis(20);
    }

    @Override
    public Duration importTimeout() {
      return Duration.ofSeconds(30);
    }

    @Override
    public boolean keepStagedFiles() {
      return false;
    }

    @Override
    public boolean waitForCompletion() {
      return true;
    }

    @Override
    public int maxConcurrentJobs() {
      return 8;
    }

    @Override
    public String atomicName() {
      return "auto";
    }

    @Override
    public String resumeWriteId() {
      return null;
    }

    @Override
    public String snapshot() {
      return null;
    }

    @Override
    public String snapshotDescription() {
      return "";
    }

    @Override
    public long snapshotCompactionProtectionSeconds() {
      return 0;
    }

    @Override
    public String snapshotBefore() {
      return null;
    }
    // @formatter:on
  }

  private static List<StagedFile> volumeFiles(
      String writeId, int jsonFiles, Map<String, Long> rows) {
    String dir = "zilliz-volume://vol/milvus-import/" + writeId + "/";
    List<StagedFile> files = new ArrayList<>();
    for (int i = 0; i < jsonFiles; i++) {
      files.add(new StagedFile(List.of(dir + "part-" + i + ".json"), 2, 100));
      rows.put("milvus-import/" + writeId + "/part-" + i + ".json", 2L);
    }
    files.add(new StagedFile(List.of(dir + "part-g/id.npy", dir + "part-g/vec.npy"), 5, 300));
    rows.put("milvus-import/" + writeId + "/part-g/", 5L);
    return files;
  }

  private static ImportCommitter committer(RecordingJobs jobs, String writeId) {
    return new ImportCommitter(
        new VolumeSettings(jobs), new HadoopConf(new Configuration()), writeId, false);
  }

  @Test
  void volumeWriteImportsDataPathsInJobsOfAtMostOneThousandFiles() {
    Map<String, Long> rows = new HashMap<>();
    List<StagedFile> files = volumeFiles("w1", 2_000, rows);
    RecordingJobs jobs = new RecordingJobs(rows);

    committer(jobs, "w1").commit(files, new SkippedRows());

    assertThat(jobs.creates).extracting(List::size).containsExactly(1000, 1000, 1);
    assertThat(jobs.creates.get(0).get(0)).containsExactly("milvus-import/w1/part-0.json");
    assertThat(jobs.creates.get(2)).containsExactly(List.of("milvus-import/w1/part-g/"));
  }

  @Test
  void fileOverTenGigabytesFailsBeforeAnyJobIsCreated() {
    Map<String, Long> rows = new HashMap<>();
    List<StagedFile> files = new ArrayList<>(volumeFiles("w2", 3, rows));
    files.add(
        new StagedFile(List.of("zilliz-volume://vol/milvus-import/w2/huge.parquet"), 9, 11L << 30));
    RecordingJobs jobs = new RecordingJobs(rows);

    assertThatThrownBy(() -> committer(jobs, "w2").commit(files, new SkippedRows()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("huge.parquet")
        .hasMessageContaining("(11 GB)")
        .hasMessageContaining("Zilliz Cloud's 10 GB per-file limit");
    assertThat(jobs.creates).isEmpty();
  }

  @Test
  void unknownOutcomeWithoutManifestPathNamesTheJobsAndNeverInvitesARerun() {
    Map<String, Long> rows = new HashMap<>();
    List<StagedFile> files = volumeFiles("w3", 3, rows);
    RecordingJobs jobs = new RecordingJobs(rows);
    jobs.forgetJobs = true;
    ImportCommitter committer = committer(jobs, "w3");

    assertThatThrownBy(() -> committer.commit(files, new SkippedRows()))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("job-1")
        .hasMessageContaining("kept in memory only (no option 'manifestPath')")
        .hasMessageContaining("would import its rows twice")
        .hasMessageContaining("volume 'vol' under milvus-import/w3/")
        .message()
        .doesNotContain("resumeWriteId");
    assertThat(jobs.creates).hasSize(1);
  }
}
