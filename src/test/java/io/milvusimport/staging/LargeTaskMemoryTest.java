package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One task stages more than 2 GB in a JVM whose whole heap is 160 MB: the encoders stream (NPY
 * through local spill files, Parquet by row group), so their memory does not grow with the data.
 */
class LargeTaskMemoryTest {
  private static final long TWO_GB = 2L << 30;
  private static final Pattern RESULT =
      Pattern.compile("staged=(\\d+) rows=(\\d+) files=(\\d+) seconds=\\S+ peakHeap=(\\d+)");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"npy", "parquet", "json"})
  void stagesTwoGigabytesInOneTaskWithASmallHeap(String format) throws Exception {
    List<String> command = LargeTaskProbe.command(format, dir, TWO_GB, null);
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(probe.exitValue()).as(output).isZero();
    Matcher result = RESULT.matcher(output);
    assertThat(result.find()).as(output).isTrue();
    long staged = Long.parseLong(result.group(1));
    assertThat(staged).isGreaterThanOrEqualTo(TWO_GB);
    assertThat(Long.parseLong(result.group(3))).isGreaterThanOrEqualTo(2);
    assertThat(FileUtils.sizeOfDirectory(dir.resolve("staged").toFile()))
        .isGreaterThanOrEqualTo(staged);
    System.out.println(format + ": " + result.group());
  }
}
