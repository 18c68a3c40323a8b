package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.junit.jupiter.api.Test;

class PlainFixedWidthWriterTest {
  private static final float[] FLOATS = {
    0f, -0f, 1.5f, -3.25e-7f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, Float.NEGATIVE_INFINITY
  };
  private static final int[] INTS = {0, 1, -1, 127, -128, Integer.MAX_VALUE, Integer.MIN_VALUE};

  @Test
  void writesTheSameFloatBytesAsParquetMrsPlainWriter() throws Exception {
    PlainFixedWidthWriter ours = new PlainFixedWidthWriter(64);
    PlainValuesWriter theirs = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    for (int round = 0; round < 100; round++) {
      for (float f : FLOATS) {
        ours.writeFloat(f);
        theirs.writeFloat(f);
      }
    }
    assertThat(ours.getBufferedSize()).isEqualTo(theirs.getBufferedSize());
    assertThat(ours.getBytes().toByteArray()).isEqualTo(theirs.getBytes().toByteArray());
    assertThat(ours.getEncoding()).isEqualTo(theirs.getEncoding()).isEqualTo(Encoding.PLAIN);
  }

  @Test
  void writesTheSameIntBytesAsParquetMrsPlainWriter() throws Exception {
    PlainFixedWidthWriter ours = new PlainFixedWidthWriter(64);
    PlainValuesWriter theirs = new PlainValuesWriter(64, 1 << 20, new HeapByteBufferAllocator());
    for (int v : INTS) {
      ours.writeInteger(v);
      theirs.writeInteger(v);
    }
    assertThat(ours.getBytes().toByteArray()).isEqualTo(theirs.getBytes().toByteArray());
  }

  @Test
  void startsTheNextPageEmptyAfterReset() throws Exception {
    PlainFixedWidthWriter writer = new PlainFixedWidthWriter(64);
    for (int i = 0; i < 1000; i++) {
      writer.writeInteger(i);
    }
    writer.reset();
    writer.writeInteger(0x01020304);

    assertThat(writer.getBufferedSize()).isEqualTo(4);
    assertThat(writer.getBytes().toByteArray()).containsExactly(4, 3, 2, 1);
    assertThat(writer.getAllocatedSize()).isGreaterThanOrEqualTo(4000);
  }
}
