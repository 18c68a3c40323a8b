package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTextExpanderTest {
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  @TempDir Path dir;

  /** NumPy's {@code <U n} bytes of the values, built the slow, obvious way. */
  private static byte[] expected(int width, List<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String value : values) {
      byte[] code = value.getBytes(UTF_32LE);
      out.writeBytes(Arrays.copyOf(code, 4 * width));
    }
    return out.toByteArray();
  }

  /** The spill records ({@code int length, UTF-8}) expanded through a real spill file. */
  private byte[] expand(int width, List<String> values) throws Exception {
    Path spill = dir.resolve("text.spill");
    long bytes = 0;
    try (FileChannel channel =
        FileChannel.open(
            spill,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      for (String value : values) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(4 + utf8.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(utf8.length).put(utf8).flip();
        while (record.hasRemaining()) {
          bytes += channel.write(record);
        }
      }
      channel.position(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new NpyTextExpander(width).copy(channel, bytes, out);
      return out.toByteArray();
    }
  }

  @Test
  void asciiIsOneCodePointPerByteZeroPaddedToTheWidth() throws Exception {
    List<String> values = List.of("ab", "", "document-0001", "z");

    assertThat(expand(13, values)).isEqualTo(expected(13, values));
  }

  @Test
  void multiByteCharactersBecomeTheirCodePoints() throws Exception {
    // 2-, 3- and 4-byte UTF-8 (é, ✓, 中, 😀 outside the BMP: one code point, not two UTF-16 units)
    List<String> values = List.of("héllo✓", "中文", "a😀b", "\u07FF\u0800\uFFFD\uDBFF\uDFFF");

    byte[] out = expand(6, values);

    assertThat(out).isEqualTo(expected(6, values));
    assertThat(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt(2 * 24 + 4))
        .isEqualTo(0x1F600);
  }

  @Test
  void aValueOfExactlyTheWidthHasNoPaddingAndTheNextStartsRightAfter() throws Exception {
    List<String> values = List.of("abcd", "ééé✓", "ab");

    byte[] out = expand(4, values);

    assertThat(out).hasSize(3 * 16).isEqualTo(expected(4, values));
  }

  @Test
  void recordsAcrossReadAndWriteBufferBoundsKeepTheirBytes() throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      values.add(i % 7 == 0 ? "ü" + i : "row-" + i + "-" + "x".repeat(i % 41));
    }
    int width = values.stream().mapToInt(v -> v.codePointCount(0, v.length())).max().getAsInt();

    assertThat(expand(width, values)).isEqualTo(expected(width, values));
  }

  @Test
  void aValueLongerThanTheReadBufferIsExpandedWhole() throws Exception {
    List<String> values = List.of("head", "é".repeat(40_000) + "end", "tail");

    assertThat(expand(40_003, values)).isEqualTo(expected(40_003, values));
  }

  @Test
  void encodeOverwritesWhatTheReusedOutputBufferHeld() {
    byte[] out = new byte[2 * 12];
    Arrays.fill(out, (byte) 0x55);
    byte[] utf8 = "xé".getBytes(StandardCharsets.UTF_8);

    new NpyTextExpander(3).encode(utf8, 0, utf8.length, out, 12);

    assertThat(Arrays.copyOfRange(out, 12, 24)).isEqualTo(expected(3, List.of("xé")));
    assertThat(Arrays.copyOfRange(out, 0, 12)).containsOnly((byte) 0x55);
  }
}
