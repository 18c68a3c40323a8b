package io.milvusimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code volume} and {@code import} commands as a separate JVM (connector classes, Jackson,
 * SLF4J API only) against the Zilliz stand-in: create a volume, import its files with {@code
 * --wait}, and find the rows in the cluster's collection.
 */
@Tag("e2e")
class CloudCliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ZillizTestBed bed;
  private static CliProcess cli;

  @BeforeAll
  static void start() {
    bed = ZillizTestBed.start(b -> b.rateLimit(1000));
    cli = CliProcess.withRuntimeLibraries();
  }

  @AfterAll
  static void stop() {
    if (cli != null) {
      assertThat(cli.allOutput()).doesNotContain(ZillizTestBed.API_KEY);
    }
    bed.close();
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
}
