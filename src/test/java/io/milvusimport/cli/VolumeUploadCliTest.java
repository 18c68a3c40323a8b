package io.milvusimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.manage.VolumeManager;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.cloud.VolumeObjectStore;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code volume upload} in-process against the Zilliz stand-in whose {@code apply} hands out
 * credentials of the volume's HTTPS S3 front: keys read back from the test S3, limits refused
 * before any PUT, credentials renewed mid-upload or a failed renewal, progress lines or a bar, and
 * the printed data paths piped into {@code import create --paths-from -}.
 */
@Tag("e2e")
class VolumeUploadCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ENV = Map.of("ZILLIZ_API_KEY", ZillizTestBed.API_KEY);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static VolumeObjectStore store;
  private static ZillizTestBed bed;
  private static final List<String> everything = new CopyOnWriteArrayList<>();

  @TempDir Path dir;
  private InProcessCli cli;

  @BeforeAll
  static void start() {
    store = VolumeObjectStore.start("cli-upload-volumes");
    bed = ZillizTestBed.start(b -> b.rateLimit(1000).volumeFront(store));
  }

  @BeforeEach
  void newCli() {
    cli = new InProcessCli(bed.zilliz().uri(), everything::add);
  }

  @AfterAll
  static void stop() {
    bed.close();
    store.close();
    assertThat(String.join("\n", everything)).doesNotContain(ZillizTestBed.API_KEY, "token-");
  }

  private int run(boolean terminal, InputStream stdin, String... args) {
    return cli.run(ENV, terminal, stdin, args);
  }

  private int run(String... args) {
    return run(false, InputStream.nullInputStream(), args);
  }

  private String out() {
    return cli.out();
  }

  private String err() {
    return cli.err();
  }

  private String newVolume() {
    String name = "up_" + NAMES.incrementAndGet();
    int code =
        run(
            "volume",
            "create",
            "--volume",
            name,
            "--project-id",
            ZillizTestBed.PROJECT,
            "--region-id",
            ZillizTestBed.REGION);
    assertThat(code).as(err()).isZero();
    return name;
  }

  private String[] upload(String volume, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of("volume", "upload", "--volume", volume, "--ca-pem", store.caPem().toString()));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private Path write(String relative, byte[] data) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, data);
  }

  private List<String> keysOf(String volume) {
    return LocalS3.shared().listKeys(store.bucket(), bed.zilliz().volumePrefix(volume));
  }

  @Test
  void aFolderWithSubFoldersLandsUnderItsPathsAndTheDataPathsAndImportCommandArePrinted()
      throws Exception {
    String volume = newVolume();
    write("batch/a.json", ZillizTestBed.jsonRows(0, 3));
    write("batch/sub/b.json", ZillizTestBed.jsonRows(3, 2));
    write("batch/sub/deeper/c.json", ZillizTestBed.jsonRows(5, 1));
    write("batch/group/id.npy", "npy-id".getBytes(StandardCharsets.UTF_8));
    write("batch/group/vec.npy", "npy-vec".getBytes(StandardCharsets.UTF_8));
    Path single = write("single/one file.json", ZillizTestBed.jsonRows(9, 1));
    long headsAndGets = store.count("HEAD") + store.count("GET");

    int code =
        run(
            upload(
                volume,
                "--path",
                "load",
                "--collection",
                "docs",
                dir.resolve("batch").toString(),
                single.toString()));

    assertThat(code).as(out() + err()).isZero();
    String prefix = bed.zilliz().volumePrefix(volume);
    assertThat(keysOf(volume))
        .containsExactlyInAnyOrder(
            prefix + "load/a.json",
            prefix + "load/group/id.npy",
            prefix + "load/group/vec.npy",
            prefix + "load/sub/b.json",
            prefix + "load/sub/deeper/c.json",
            prefix + "load/one file.json");
    assertThat(LocalS3.shared().read(store.bucket(), prefix + "load/sub/deeper/c.json"))
        .isEqualTo(ZillizTestBed.jsonRows(5, 1));
    assertThat(store.count("HEAD") + store.count("GET")).isEqualTo(headsAndGets);
    assertThat(out())
        .contains(
            "Data paths to import:\n"
                + "  load/a.json\n"
                + "  load/group/\n"
                + "  load/sub/b.json\n"
                + "  load/sub/deeper/c.json\n"
                + "  load/one file.json\n")
        .contains(
            "java -jar milvus-import.jar import create --cluster-id CLUSTER_ID --collection docs"
                + " --volume "
                + volume
                + " --path load/a.json --path load/group/ --path load/sub/b.json --path"
                + " load/sub/deeper/c.json --path 'load/one file.json' --wait");
    assertThat(out()).contains("upload: ").contains("(100%), 6/6 files").doesNotContain("\r");
  }

  @Test
  void jsonOutputsTheDataPathsWhichImportCreateReadsFromStdinEndingWithTheRows() throws Exception {
    String volume = newVolume();
    String collection = bed.createDocs();
    write("rows/part-0.json", ZillizTestBed.jsonRows(0, 20));
    write("rows/day=2/part-1.json", ZillizTestBed.jsonRows(20, 7));

    assertThat(run(upload(volume, "--json", dir.resolve("rows").toString()))).as(err()).isZero();
    JsonNode result = JSON.readTree(out());
    assertThat(err()).contains("upload: ");
    assertThat(result.path("volume").asText()).isEqualTo(volume);
    List<String> paths = new ArrayList<>();
    result.path("dataPaths").forEach(p -> paths.add(p.asText()));
    assertThat(paths).containsExactly("day=2/part-1.json", "part-0.json");
    assertThat(result.path("importCommand").asText()).contains("--path day=2/part-1.json");

    byte[] stdin = ("# from volume upload\n" + String.join("\n", paths) + "\n\n").getBytes();
    int code =
        run(
            false,
            new ByteArrayInputStream(stdin),
            CloudCliTest.importFromVolume(
                collection, volume, List.of(), "--paths-from", "-", "--wait"));
    assertThat(code).as(out() + err()).isZero();
    List<JsonNode> creates = bed.zilliz().importRequests();
    String sent = creates.get(creates.size() - 1).path("dataPaths").toString();
    assertThat(sent).isEqualTo("[[\"day=2/part-1.json\"],[\"part-0.json\"]]");
    assertThat(bed.milvus().rows("default", collection)).hasSize(27);
  }

  @Test
  void overTheLimitsIsRefusedBeforeAnyPut() throws Exception {
    String volume = newVolume();
    write("big/a.json", new byte[600]);
    write("big/b.json", new byte[600]);
    long sent = store.count("PUT") + store.count("POST");
    store.limits(1000, 1000);
    try {
      assertThat(run(upload(volume, dir.resolve("big").toString()))).isEqualTo(Cli.FAILED);
      assertThat(err())
          .contains("Cannot upload 2 files of 1200 bytes", "maxContentLength", "Nothing was");
      store.limits(100_000, 1);
      assertThat(run(upload(volume, dir.resolve("big").toString()))).isEqualTo(Cli.FAILED);
      assertThat(err()).contains("at most 1 files (maxFileNumber");
    } finally {
      store.limits(100L << 30, 1000);
    }
    assertThat(store.count("PUT") + store.count("POST")).isEqualTo(sent);
    assertThat(keysOf(volume)).isEmpty();
  }

  @Test
  void credentialsThatExpireMidUploadAreRenewedAndEveryFileLands() throws Exception {
    String volume = newVolume();
    for (int i = 0; i < 8; i++) {
      write("many/f" + i + ".json", ZillizTestBed.jsonRows(i, 1));
    }
    int applies = store.applies();
    store.beforePut(3, store::expireCredentialsNow);

    assertThat(run(upload(volume, dir.resolve("many").toString()))).as(err()).isZero();

    assertThat(store.applies() - applies).isGreaterThanOrEqualTo(2);
    assertThat(store.requests()).anyMatch(r -> r.startsWith("PUT ") && r.endsWith("-> 403"));
    assertThat(keysOf(volume)).hasSize(8);
    assertThat(out()).contains("8/8 files");
  }

  @Test
  void aRenewalThatFailsMidUploadExitsOneWithTheClearError() throws Exception {
    String volume = newVolume();
    for (int i = 0; i < 6; i++) {
      write("doomed/f" + i + ".json", ZillizTestBed.jsonRows(i, 1));
    }
    store.beforePut(
        2,
        () -> {
          VolumeManager.create(bed.options()).deleteVolume(volume);
          store.expireCredentialsNow();
        });

    assertThat(run(upload(volume, dir.resolve("doomed").toString())))
        .as(out() + err() + store.requests() + bed.zilliz().requests())
        .isEqualTo(Cli.FAILED);

    assertThat(err())
        .contains("The credentials for volume " + volume + " expired mid-upload of")
        .as(err())
        .contains("a fresh apply failed")
        .contains("volume " + volume + " does not exist");
  }

  @Test
  void inATerminalTheUploadDrawsABarWithBytesRateAndEta() throws Exception {
    String volume = newVolume();
    write("bar/a.json", ZillizTestBed.jsonRows(0, 2));
    write("bar/b/c.json", ZillizTestBed.jsonRows(2, 2));

    int code =
        run(true, InputStream.nullInputStream(), upload(volume, dir.resolve("bar").toString()));

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("\r[##############################] 100% ")
        .contains("2/2 files, ")
        .contains("/s, ETA ")
        .doesNotContain("upload: ");
  }

  @Test
  void aMissingLocalPathIsAUsageErrorAndAnUploadNeedsOne() {
    assertThat(run(upload("up_x", dir.resolve("absent").toString()))).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("no such file or folder", "absent");
    assertThat(run(upload("up_x"))).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'volume upload' needs LOCAL...");
    assertThat(run("volume", "upload", "--help")).isZero();
    assertThat(out()).contains("volume upload [flags] LOCAL...", "--ca-pem FILE", "--path DIR");
  }

  @Test
  void aCaPemFileWithoutACertificateIsAUsageErrorNamingTheFlag() throws Exception {
    Path notPem = write("not.pem", "hello".getBytes(StandardCharsets.UTF_8));
    long applies = store.applies();
    int code =
        run(
            "volume",
            "upload",
            "--volume",
            "up_x",
            "--ca-pem",
            notPem.toString(),
            dir.resolve("not.pem").toString());
    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'cloudCaPemPath' (--ca-pem)", "holds no PEM certificate");
    assertThat(store.applies()).isEqualTo(applies);
  }
}
