package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.WritePlanner;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  static final CollectionSchema DOCS =
      new CollectionSchema(
          "default",
          "docs",
          List.of(
              MilvusField.builder("id", "Int64").primaryKey(true).build(),
              MilvusField.builder("embedding", "FloatVector").dim(3).build(),
              MilvusField.builder("text", "VarChar").maxLength(20).build(),
              MilvusField.builder("small", "Int8").build()),
          true);
  static final StructType FRAME =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType), false)
          .add("text", DataTypes.StringType, false)
          .add("small", DataTypes.IntegerType, false)
          .add("color", DataTypes.StringType);

  @TempDir Path dir;

  static InternalRow row(long id, float[] vector, String text, int small) {
    return new GenericInternalRow(
        new Object[] {
          id,
          new GenericArrayData(vector),
          UTF8String.fromString(text),
          small,
          UTF8String.fromString("red")
        });
  }

  /** A group directory as the staging side makes it, remembering which parts were moved in. */
  private static final class GroupOutput implements ImportFileOutput {
    final Path group;
    final List<String> created = new ArrayList<>();
    final List<String> placed = new ArrayList<>();
    final List<Path> placedFrom = new ArrayList<>();

    GroupOutput(Path group) throws Exception {
      this.group = Files.createDirectories(group);
    }

    @Override
    public OutputStream create(String suffix) throws java.io.IOException {
      created.add(suffix.substring(1));
      return Files.newOutputStream(group.resolve(suffix.substring(1)));
    }

    @Override
    public void place(String suffix, Path localFile) throws java.io.IOException {
      placed.add(suffix.substring(1));
      placedFrom.add(localFile);
      Files.move(localFile, group.resolve(suffix.substring(1)));
    }
  }

  private static NpyGroupEncoder encoder(boolean skip) {
    return new NpyGroupEncoder(WritePlanner.plan(DOCS, FRAME, PlanSettings.none()), 0, skip);
  }

  private Path encode(boolean skip, InternalRow... rows) throws Exception {
    NpyGroupEncoder encoder = encoder(skip);
    Path group = dir.resolve("group");
    encoder.start(new GroupOutput(group));
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
    assertThat(preamble(file) % 64).isZero();
    return new String(bytes, 10, preamble(file) - 10, StandardCharsets.US_ASCII).trim();
  }

  /** Magic, version, length and header text: the offset of the first data byte. */
  private static int preamble(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    return 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
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

  @Test
  void fixedWidthColumnsAreMovedInWithAReservedHeaderAndTextColumnsAreStreamed() throws Exception {
    NpyGroupEncoder encoder = encoder(false);
    GroupOutput out = new GroupOutput(dir.resolve("group"));
    encoder.start(out);
    encoder.write(row(7, new float[] {1f, 2f, 3f}, "ab", 5), 0);
    encoder.write(row(8, new float[] {4f, 5f, 6f}, "cd", 6), 1);
    encoder.finish();

    assertThat(out.placed).containsExactlyInAnyOrder("id.npy", "embedding.npy", "small.npy");
    assertThat(out.created).containsExactlyInAnyOrder("text.npy", "$meta.npy");
    assertThat(out.placedFrom).allSatisfy(spill -> assertThat(spill).doesNotExist());
    Path ids = out.group.resolve("id.npy");
    assertThat(preamble(ids)).isEqualTo(NpyHeader.RESERVED);
    assertThat(header(ids)).isEqualTo("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }");
    assertThat(Files.size(ids)).isEqualTo(NpyHeader.RESERVED + 2 * 8);
    assertThat(data(ids).getLong(8)).isEqualTo(8);
    Path vectors = out.group.resolve("embedding.npy");
    assertThat(header(vectors)).contains("'shape': (2, 3)");
    assertThat(data(vectors).getFloat(5 * 4)).isEqualTo(6f);
    assertThat(header(out.group.resolve("text.npy"))).contains("'descr': '<U2'");

    encoder.close();
    assertThat(out.placedFrom.get(0).getParent()).doesNotExist();
  }

  @Test
  void nextGroupAfterAMoveStartsFromAnEmptyColumn() throws Exception {
    NpyGroupEncoder encoder = encoder(false);
    GroupOutput first = new GroupOutput(dir.resolve("first"));
    encoder.start(first);
    encoder.write(row(1, new float[] {1f, 2f, 3f}, "ab", 5), 0);
    encoder.write(row(2, new float[] {1f, 2f, 3f}, "ab", 5), 1);
    encoder.finish();
    GroupOutput second = new GroupOutput(dir.resolve("second"));
    encoder.start(second);
    encoder.write(row(3, new float[] {7f, 8f, 9f}, "ab", 5), 2);
    encoder.finish();
    encoder.close();

    assertThat(header(first.group.resolve("id.npy"))).contains("'shape': (2,)");
    Path ids = second.group.resolve("id.npy");
    assertThat(header(ids)).contains("'shape': (1,)");
    assertThat(Files.size(ids)).isEqualTo(NpyHeader.RESERVED + 8);
    assertThat(data(ids).getLong(0)).isEqualTo(3);
    assertThat(data(second.group.resolve("embedding.npy")).getFloat(0)).isEqualTo(7f);
  }

  @Test
  void outputWithoutItsOwnPlaceCopiesTheFileThroughCreateAndDeletesIt() throws Exception {
    Path local = Files.write(dir.resolve("local.npy"), new byte[] {1, 2, 3});
    Path target = dir.resolve("target.npy");
    ImportFileOutput streamsOnly = suffix -> Files.newOutputStream(target);

    streamsOnly.place("/target.npy", local);

    assertThat(target).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(local).doesNotExist();
  }
}
