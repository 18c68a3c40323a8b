package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.cloud.ApplyingCredentialSource;
import io.milvusimport.cloud.VolumeUploader;
import io.milvusimport.format.RowFileEncoders;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.WritePlanner;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.LogLines;
import io.milvusimport.testkit.cloud.VolumeObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RollingFileWriter over a volume: the parts that land in the volume (read back from the S3 server
 * behind the front, not through it) are byte for byte those of the same rows staged on a Hadoop
 * file system.
 */
@Tag("e2e")
class VolumePartSinkTest {
  private static VolumeObjectStore store;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    store = VolumeObjectStore.start("zilliz-sink");
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  private static RollingFileWriter writer(PartSink sink, String format, long maxFileSize) {
    return new RollingFileWriter(
        sink,
        3,
        RowFileEncoders.create(
            format,
            "snappy",
            WritePlanner.plan(
                RollingFileWriterTest.DOCS, RollingFileWriterTest.FRAME, PlanSettings.none()),
            3,
            false),
        maxFileSize);
  }

  private static VolumePartSink sink(String prefix) {
    return new VolumePartSink(
        new VolumeUploader(store.uploadSettings()),
        new ApplyingCredentialSource(store.applying("vol1", prefix, "w1/")),
        "vol1",
        "w1",
        3);
  }

  private static List<StagedFile> stage(RollingFileWriter writer, int rows) throws IOException {
    for (long id = 1; id <= rows; id++) {
      writer.write(RollingFileWriterTest.row(id), id);
    }
    List<StagedFile> staged = writer.finish();
    writer.close();
    return staged;
  }

  /** Part contents keyed by what follows the attempt's unique name prefix ({@code -00000.json}). */
  private static Map<String, byte[]> parts(List<StagedFile> staged, PartReader reader)
      throws IOException {
    Map<String, byte[]> parts = new TreeMap<>();
    for (StagedFile file : staged) {
      for (String uri : file.uris()) {
        parts.put(uri.substring(uri.indexOf("part-00003-") + 24), reader.read(uri));
      }
    }
    return parts;
  }

  @FunctionalInterface
  private interface PartReader {
    byte[] read(String uri) throws IOException;
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "npy", "parquet"})
  void partsInTheVolumeEqualThoseStagedThroughHadoop(String format) throws Exception {
    String prefix = "org/vol1-" + System.nanoTime() + "/";
    long before = store.requests().size();
    List<StagedFile> local =
        stage(
            writer(
                new HadoopPartSink(
                    new HadoopConf(new org.apache.hadoop.conf.Configuration()),
                    dir.resolve("local").toUri().toString(),
                    3),
                format,
                200),
            20);
    List<StagedFile> volume = stage(writer(sink(prefix), format, 200), 20);

    assertThat(volume).hasSameSizeAs(local).hasSizeGreaterThan(1);
    for (int i = 0; i < volume.size(); i++) {
      assertThat(volume.get(i).rows()).isEqualTo(local.get(i).rows());
      assertThat(volume.get(i).bytes()).isEqualTo(local.get(i).bytes());
      assertThat(volume.get(i).uris()).allMatch(u -> u.startsWith("zilliz-volume://vol1/w1/part-"));
    }
    Map<String, byte[]> onHadoop =
        parts(local, uri -> Files.readAllBytes(Paths.get(java.net.URI.create(uri))));
    Map<String, byte[]> inVolume =
        parts(
            volume,
            uri ->
                LocalS3.shared()
                    .read(
                        store.bucket(), prefix + uri.substring("zilliz-volume://vol1/".length())));
    assertThat(inVolume.keySet()).isEqualTo(onHadoop.keySet());
    onHadoop.forEach((name, bytes) -> assertThat(inVolume.get(name)).as(name).isEqualTo(bytes));
    List<String> seen = store.requests().subList((int) before, store.requests().size());
    assertThat(seen).allMatch(r -> r.startsWith("PUT ") && r.endsWith(" 200"));
    assertThat(LocalS3.shared().listKeys(store.bucket(), prefix)).hasSize(inVolume.size());
  }

  @Test
  void discardLogsTheUploadedPartsThatStayInTheVolume() throws Exception {
    String prefix = "org/vol1-" + System.nanoTime() + "/";
    RollingFileWriter writer = writer(sink(prefix), "json", 1);
    for (long id = 1; id <= 2; id++) {
      writer.write(RollingFileWriterTest.row(id), id);
    }
    try (LogLines log = LogLines.of(VolumePartSink.class.getName())) {
      writer.discard();
      writer.close();
      assertThat(log.lines())
          .anyMatch(
              l ->
                  l.contains("2 part(s) this failed task uploaded stay in volume vol1")
                      && l.contains("w1/part-00003-"));
    }
    assertThat(LocalS3.shared().listKeys(store.bucket(), prefix)).hasSize(2);
  }
}
