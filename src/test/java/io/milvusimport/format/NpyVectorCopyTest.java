package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidRowException;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.WritePlanner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FloatVector values in Spark's own row format ({@link UnsafeArrayData}, what every DataFrame hands
 * the writer) are copied into the NPY column and checked on their copied bits: the staged bytes and
 * the rejections must be exactly those of the element-by-element path.
 */
class NpyVectorCopyTest {
  private static final int DIM = 3;
  private static final float[][] VECTORS = {
    {0f, -0f, Float.MIN_VALUE},
    {Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f},
    {0.1f, 0.2f, 0.3f},
    {1.5f, -2.25f, Float.MIN_NORMAL}
  };

  @TempDir Path dir;

  private static InternalRow generic(long id, float[] vector, String text) {
    return NpyGroupEncoderTest.row(id, vector, text, 1);
  }

  /** The same row in Spark's row format, as a DataFrame hands it over. */
  private static InternalRow unsafe(long id, float[] vector, String text) {
    return UnsafeProjection.create(NpyGroupEncoderTest.FRAME)
        .apply(generic(id, vector, text))
        .copy();
  }

  private Path encode(String name, boolean skip, InternalRow... rows) throws Exception {
    Path group = Files.createDirectories(dir.resolve(name));
    NpyGroupEncoder encoder =
        new NpyGroupEncoder(
            WritePlanner.plan(
                NpyGroupEncoderTest.DOCS, NpyGroupEncoderTest.FRAME, PlanSettings.none()),
            3,
            skip);
    try {
      encoder.start(suffix -> Files.newOutputStream(group.resolve(suffix.substring(1))));
      for (int i = 0; i < rows.length; i++) {
        encoder.write(rows[i], 100 + i);
      }
      encoder.finish();
    } finally {
      encoder.close();
    }
    return group;
  }

  private static List<String> names(Path group) throws Exception {
    try (Stream<Path> files = Files.list(group)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void sparkRowVectorsAreStagedByteForByteAsFromGenericArrays() throws Exception {
    InternalRow[] generic = new InternalRow[VECTORS.length];
    InternalRow[] unsafe = new InternalRow[VECTORS.length];
    for (int i = 0; i < VECTORS.length; i++) {
      generic[i] = generic(i, VECTORS[i], "text-" + i);
      unsafe[i] = unsafe(i, VECTORS[i], "text-" + i);
    }
    assertThat(unsafe[0].getArray(1)).isInstanceOf(UnsafeArrayData.class);

    Path fromGeneric = encode("generic", false, generic);
    Path fromUnsafe = encode("unsafe", false, unsafe);

    assertThat(names(fromUnsafe))
        .containsExactly("$meta.npy", "embedding.npy", "id.npy", "small.npy", "text.npy");
    for (String name : names(fromGeneric)) {
      assertThat(fromUnsafe.resolve(name)).hasSameBinaryContentAs(fromGeneric.resolve(name));
    }
    byte[] file = Files.readAllBytes(fromUnsafe.resolve("embedding.npy"));
    ByteBuffer data =
        ByteBuffer.wrap(file, file.length - 4 * DIM * VECTORS.length, 4 * DIM * VECTORS.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] vector : VECTORS) {
      for (float value : vector) {
        assertThat(Float.floatToRawIntBits(data.getFloat()))
            .isEqualTo(Float.floatToRawIntBits(value));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, DIM - 1})
  void nanInASparkRowVectorFailsNamingFieldRowAndElement(int element) {
    float[] bad = VECTORS[2].clone();
    bad[element] = Float.NaN;

    assertThatThrownBy(
            () -> encode("nan", false, unsafe(1, VECTORS[0], "ok"), unsafe(2, bad, "bad")))
        .isInstanceOf(InvalidRowException.class)
        .hasMessageStartingWith(
            "Invalid value for field 'embedding' (FloatVector) in Spark partition 3, row 101: ")
        .hasMessageContaining(
            "element " + element + " is NaN; vectors must hold finite values within float32 range")
        .hasMessageEndingWith("; value: " + java.util.Arrays.toString(bad));
  }

  @Test
  void infinitiesInASparkRowVectorFailAsFromGenericArrays() {
    for (float infinity : new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      float[] bad = VECTORS[1].clone();
      bad[2] = infinity;
      Throwable fromGeneric =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> encode("g" + infinity, false, generic(7, bad, "x")));
      Throwable fromUnsafe =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> encode("u" + infinity, false, unsafe(7, bad, "x")));

      assertThat(fromUnsafe)
          .isInstanceOf(InvalidRowException.class)
          .hasMessageContaining("element 2 is " + infinity)
          .hasMessage(fromGeneric.getMessage());
    }
  }

  @Test
  void skippedNonFiniteRowLeavesEveryColumnTheSameLength() throws Exception {
    float[] bad = VECTORS[0].clone();
    bad[1] = Float.POSITIVE_INFINITY;

    Path group =
        encode(
            "skip",
            true,
            unsafe(1, VECTORS[0], "a"),
            unsafe(2, bad, "bbbbbbbbbbbbbbbbbbbbbbb"),
            unsafe(3, VECTORS[1], "c"));

    Path good = encode("good", false, unsafe(1, VECTORS[0], "a"), unsafe(3, VECTORS[1], "c"));
    for (String name : names(good)) {
      assertThat(group.resolve(name)).hasSameBinaryContentAs(good.resolve(name));
    }
  }

  @Test
  void nullElementAndWrongDimensionInASparkRowVectorAreRefused() {
    InternalRow withNull =
        UnsafeProjection.create(NpyGroupEncoderTest.FRAME)
            .apply(
                new GenericInternalRow(
                    new Object[] {
                      1L,
                      new GenericArrayData(new Object[] {1f, null, 2f}),
                      UTF8String.fromString("a"),
                      1,
                      UTF8String.fromString("red")
                    }));
    assertThat(withNull.getArray(1)).isInstanceOf(UnsafeArrayData.class);

    assertThatThrownBy(() -> encode("null", false, withNull))
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("field 'embedding'")
        .hasMessageContaining("element 1 is null");
    assertThatThrownBy(() -> encode("dim", false, unsafe(1, new float[] {1f, 2f}, "a")))
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("expected dim 3, got 2 values");
  }
}
