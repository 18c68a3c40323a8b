package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpyHeaderTest {
  private static final List<String> FIXED_DTYPES =
      List.of("|b1", "|i1", "<i2", "<i4", "<i8", "<f4", "<f8", "|u1");

  private static int headerLength(byte[] header) {
    return (header[8] & 0xff) | (header[9] & 0xff) << 8;
  }

  @Test
  void reservedHeaderIsAValidVersionOneHeaderOfExactlyTheReservedLength() {
    byte[] header = NpyHeader.bytes("<f4", 1000, 768, NpyHeader.RESERVED);

    assertThat(header).hasSize(NpyHeader.RESERVED);
    assertThat(Arrays.copyOfRange(header, 0, 6))
        .isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
    assertThat(header[6]).isEqualTo((byte) 1);
    assertThat(header[7]).isEqualTo((byte) 0);
    assertThat(10 + headerLength(header)).isEqualTo(header.length);
    assertThat(header.length % 64).isZero();
    String text = new String(header, 10, headerLength(header), StandardCharsets.US_ASCII);
    assertThat(text).endsWith("\n");
    assertThat(text.substring(0, text.length() - 1).stripTrailing())
        .isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 768), }");
    assertThat(text.substring(text.indexOf('}') + 1, text.length() - 1)).isBlank();
  }

  @Test
  void naturalHeaderIsPaddedToTheNextMultipleOf64() {
    byte[] header = NpyHeader.bytes("<i8", 2, 0);

    // 10 bytes of magic, version and length plus the 58-character dict and newline: 69.
    assertThat(header).hasSize(128);
    assertThat(new String(header, 10, headerLength(header), StandardCharsets.US_ASCII).trim())
        .isEqualTo("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }");
  }

  @Test
  void largestHeaderOfEveryFixedWidthDtypeFitsTheReservedRoom() {
    for (String descr : FIXED_DTYPES) {
      assertThat(NpyHeader.fits(descr, 0, NpyHeader.RESERVED)).as(descr).isTrue();
      assertThat(NpyHeader.fits(descr, Integer.MAX_VALUE, NpyHeader.RESERVED)).as(descr).isTrue();
      assertThat(NpyHeader.bytes(descr, Long.MAX_VALUE, Integer.MAX_VALUE, NpyHeader.RESERVED))
          .hasSize(NpyHeader.RESERVED);
    }
    assertThat(NpyHeader.maxSize()).isGreaterThanOrEqualTo(NpyHeader.RESERVED);
  }

  @Test
  void headerLongerThanTheRequestedLengthIsRefused() {
    assertThat(NpyHeader.fits("<f4", Integer.MAX_VALUE, 64)).isFalse();
    assertThatThrownBy(() -> NpyHeader.bytes("<f4", Long.MAX_VALUE, Integer.MAX_VALUE, 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot hold");
  }

  @Test
  void lengthThatIsNotAMultipleOf64IsRefused() {
    assertThatThrownBy(() -> NpyHeader.bytes("<f4", 1, 0, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
