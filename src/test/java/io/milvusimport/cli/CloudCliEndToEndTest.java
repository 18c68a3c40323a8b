package io.milvusimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.examples.ExampleFiles;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.cloud.VolumeObjectStore;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code volume} and {@code import} commands as a separate JVM (connector classes, Jackson,
 * SLF4J API only) against the Zilliz stand-in, whose {@code apply} hands out credentials of the
 * volume's HTTPS S3 front: create a volume, upload a folder with sub-folders into it, import its
 * files with {@code --wait}, and find the exact rows in the cluster's collection.
 */
@Tag("e2e")
class CloudCliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static VolumeObjectStore store;
  private static ZillizTestBed bed;
  private static CliProcess cli;

  @TempDir static Path local;

  @BeforeAll
  static void start() {
    store = VolumeObjectStore.start("e2e-cli-volumes");
    bed = ZillizTestBed.start(b -> b.rateLimit(1000).volumeFront(store));
    cli = CliProcess.withRuntimeLibraries();
  }

  @AfterAll
  static void stop() {
    if (cli != null) {
      assertThat(cli.allOutput()).doesNotContain(ZillizTestBed.API_KEY);
    }
    bed.close();
    store.close();
  }

  private static CliProcess.Result run(String... args) throws Exception {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--cloud-endpoint";
    full[args.length + 1] = bed.zilliz().uri();
    return cli.run(Map.of("ZILLIZ_API_KEY", ZillizTestBed.API_KEY), full);
  }

  @Test
  void createAVolumeThenImportItsFilesWithWaitEndsWithTheRows() throws Exception {
    String collection = bed.createDocs();
    CliProcess.Result created =
        run(
            "volume",
            "create",
            "--volume",
            "e2e_vol",
            "--project-id",
            ZillizTestBed.PROJECT,
            "--region-id",
            ZillizTestBed.REGION,
            "--json");
    assertThat(created.code).as("%s", created).isZero();
    assertThat(JSON.readTree(created.out).path("volumeName").asText()).isEqualTo("e2e_vol");

    bed.putInVolume("e2e_vol", "load/part-0.json", ZillizTestBed.jsonRows(0, 40));
    bed.putInVolume("e2e_vol", "load/deep/part-1.json", ZillizTestBed.jsonRows(40, 10));
    CliProcess.Result imported =
        run(
            CloudCliTest.importFromVolume(
                collection,
                "e2e_vol",
                List.of("load/part-0.json", "load/deep/part-1.json"),
                "--wait",
                "--poll-interval",
                "50ms"));
    assertThat(imported.code).as("%s", imported).isZero();
    assertThat(imported.out).contains("Completed 100%");
    assertThat(bed.milvus().rows("default", collection)).hasSize(50);

    CliProcess.Result described = run("volume", "describe", "--volume", "e2e_vol", "--json");
    JsonNode volume = JSON.readTree(described.out);
    assertThat(volume.path("regionId").asText()).isEqualTo(ZillizTestBed.REGION);

    CliProcess.Result usage = run("import", "create", "--collection", collection);
    assertThat(usage.code).isEqualTo(Cli.USAGE);
  }

  @Test
  void uploadAFolderWithSubFoldersThenImportItWithWaitEndsWithTheRows() throws Exception {
    String collection = bed.createDocs();
    Path folder = Files.createDirectories(local.resolve("export"));
    Files.write(
        folder.resolve("part-0.parquet"), ExampleFiles.docsParquet(local, 30, 4, "optional"));
    Files.createDirectories(folder.resolve("day=1/hour=0"));
    Files.write(folder.resolve("day=1/part-1.json"), ZillizTestBed.jsonRows(100, 12));
    Files.write(folder.resolve("day=1/hour=0/part-2.json"), ZillizTestBed.jsonRows(200, 8));
    CliProcess.Result created =
        run(
            "volume",
            "create",
            "--volume",
            "e2e_up",
            "--project-id",
            ZillizTestBed.PROJECT,
            "--region-id",
            ZillizTestBed.REGION);
    assertThat(created.code).as("%s", created).isZero();

    CliProcess.Result uploaded =
        run(
            "volume",
            "upload",
            "--volume",
            "e2e_up",
            "--path",
            "nightly/",
            "--ca-pem",
            store.caPem().toString(),
            "--cluster-id",
            ZillizTestBed.CLUSTER,
            "--collection",
            collection,
            folder.toString());
    assertThat(uploaded.code).as("%s", uploaded).isZero();
    String prefix = bed.zilliz().volumePrefix("e2e_up");
    assertThat(LocalS3.shared().listKeys(store.bucket(), prefix))
        .containsExactlyInAnyOrder(
            prefix + "nightly/part-0.parquet",
            prefix + "nightly/day=1/part-1.json",
            prefix + "nightly/day=1/hour=0/part-2.json");
    assertThat(uploaded.out).contains("upload: ", "(100%), 3/3 files");
    String command =
        uploaded.out.lines().filter(l -> l.contains(" import create ")).findFirst().orElseThrow();

    // The printed command, run as printed (its words after the program name).
    List<String> words = new ArrayList<>(List.of(command.trim().split(" ")));
    assertThat(words.subList(0, 3)).containsExactly("java", "-jar", "milvus-import.jar");
    List<String> args = new ArrayList<>(words.subList(3, words.size()));
    args.addAll(List.of("--poll-interval", "50ms"));
    CliProcess.Result imported = run(args.toArray(new String[0]));
    assertThat(imported.code).as("%s", imported).isZero();
    assertThat(imported.out).contains("Completed 100%");
    List<Map<String, Object>> rows = bed.milvus().rows("default", collection);
    List<Long> expected = new ArrayList<>();
    LongStream.range(0, 30).forEach(expected::add);
    LongStream.range(100, 112).forEach(expected::add);
    LongStream.range(200, 208).forEach(expected::add);
    assertThat(rows)
        .extracting(r -> ((Number) r.get("id")).longValue())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows).allSatisfy(r -> assertThat(r.get("text")).isEqualTo("doc " + r.get("id")));

    assertThat(run("volume", "delete", "--volume", "e2e_up").code).isZero();
    assertThat(store.count("HEAD") + store.count("GET")).isZero();
  }
}
