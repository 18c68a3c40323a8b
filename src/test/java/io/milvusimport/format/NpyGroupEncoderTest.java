package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyGroupEncoderTest {
  private static final CollectionSchema DOCS =
      new CollectionSchema(
          "default",
          "docs",
          List.of(
              MilvusField.builder("id", "Int64").primaryKey(true).build(),
              MilvusField.builder("embedding", "FloatVector").dim(3).build(),
              MilvusField.builder("text", "VarChar").maxLength(20).build(),
              MilvusField.builder("small", "Int8").build()),
          true);
  private static final StructType FRAME =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType), false)
          .add("text", DataTypes.StringType, false)
          .add("small", DataTypes.IntegerType, false)
          .add("color", DataTypes.StringType);

  @TempDir Path dir;

  private static InternalRow row(long id, float[] vector, String text, int small) {
    return new GenericInternalRow(
        new Object[] {
          id,
          new GenericArrayData(vector),
          UTF8String.fromString(text),
          small,
          UTF8String.fromString("red")
        });
  }

  private Path encode(boolean skip, InternalRow... rows) throws Exception {
    RowLayout layout = WritePlanner.plan(DOCS, FRAME, PlanSettings.none());
    NpyGroupEncoder encoder = new NpyGroupEncoder(layout, 0, skip);
    Path group = dir.resolve("group");
    Files.createDirectories(group);
    encoder.start(suffix -> Files.newOutputStream(group.resolve(suffix.substring(1))));
    for (int i = 0; i < rows.length; i++) {
      encoder.write(rows[i], i);
    }
    long estimated = encoder.bytes();
    encoder.finish();
    encoder.close();
    long actual = 0;
    try (Stream<Path> files = Files.list(group)) {
      for (Path file : files.collect(Collectors.toList())) {
        actual += Files.size(file);
      }
    }
    assertThat(actual).isLessThanOrEqualTo(estimated);
    return group;
  }

  private static String header(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int length = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertThat((10 + length) % 64).isZero();
    return new String(bytes, 10, length, StandardCharsets.US_ASCII).trim();
  }

  private static ByteBuffer data(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int length = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    return ByteBuffer.wrap(bytes, 10 + length, bytes.length - 10 - length)
        .slice()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void writesOneFilePerFieldWithNumpyDtypesAndShapes() throws Exception {
    Path group =
        encode(
            false,
            row(1, new float[] {1f, 2f, 3f}, "ab", 5),
            row(2, new float[] {-1f, 0.5f, 0f}, "héllo✓", -7));
    try (Stream<Path> files = Files.list(group)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "id.npy", "embedding.npy", "text.npy", "small.npy", "$meta.npy");
    }
    assertThat(header(group.resolve("id.npy")))
        .isEqualTo("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }");
    assertThat(header(group.resolve("embedding.npy")))
        .isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    assertThat(header(group.resolve("text.npy"))).contains("'descr': '<U6'");
    assertThat(header(group.resolve("small.npy"))).contains("'descr': '|i1'");
    ByteBuffer ids = data(group.resolve("id.npy"));
    assertThat(ids.getLong()).isEqualTo(1);
    assertThat(ids.getLong()).isEqualTo(2);
    ByteBuffer vectors = data(group.resolve("embedding.npy"));
    assertThat(vectors.getFloat(3 * 4)).isEqualTo(-1f);
    ByteBuffer text = data(group.resolve("text.npy"));
    assertThat(text.getInt(0)).isEqualTo('a');
    assertThat(text.getInt(8)).isZero();
    assertThat(text.getInt(24 + 4)).isEqualTo('é');
    assertThat(text.getInt(24 + 20)).isEqualTo('✓');
    ByteBuffer meta = data(group.resolve("$meta.npy"));
    byte[] first = new byte[4 * 15];
    meta.get(first);
    assertThat(new String(first, "UTF-32LE")).isEqualTo("{\"color\":\"red\"}");
  }

  @Test
  void skippedRowLeavesEveryColumnTheSameLength() throws Exception {
    Path group =
        encode(
            true,
            row(1, new float[] {1f, 2f, 3f}, "ab", 5),
            row(2, new float[] {1f, 2f}, "bad dim", 5),
            row(3, new float[] {1f, 2f, 3f}, "cd", 500));
    assertThat(header(group.resolve("id.npy"))).contains("'shape': (1,)");
    assertThat(header(group.resolve("embedding.npy"))).contains("'shape': (1, 3)");
    assertThat(header(group.resolve("$meta.npy"))).contains("'shape': (1,)");
  }

  @Test
  void writesNothingForAGroupWithoutRows() throws Exception {
    Path group = encode(true, row(2, new float[] {1f}, "bad dim", 5));
    try (Stream<Path> files = Files.list(group)) {
      assertThat(files).isEmpty();
    }
  }
}
