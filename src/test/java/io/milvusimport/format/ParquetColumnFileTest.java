package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parquet files written through the column writers: levels, row groups, encodings, codecs. */
class ParquetColumnFileTest {
  private static final CollectionSchema NULLABLE =
      new CollectionSchema(
          "default",
          "nullable",
          List.of(
              MilvusField.builder("id", "Int64").primaryKey(true).build(),
              MilvusField.builder("vec", "FloatVector").dim(3).nullable(true).build(),
              MilvusField.builder("codes", "Int8Vector").dim(2).nullable(true).build(),
              MilvusField.builder("bits", "BinaryVector").dim(16).nullable(true).build(),
              MilvusField.builder("name", "VarChar").maxLength(16).nullable(true).build(),
              MilvusField.builder("tags", "Array")
                  .elementType("VarChar")
                  .maxLength(8)
                  .maxCapacity(4)
                  .nullable(true)
                  .build(),
              MilvusField.builder("flag", "Bool").nullable(true).build(),
              MilvusField.builder("ratio", "Double").nullable(true).build()),
          false);
  private static final StructType FRAME =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("vec", DataTypes.createArrayType(DataTypes.FloatType))
          .add("codes", DataTypes.createArrayType(DataTypes.ByteType))
          .add("bits", DataTypes.BinaryType)
          .add("name", DataTypes.StringType)
          .add("tags", DataTypes.createArrayType(DataTypes.StringType))
          .add("flag", DataTypes.BooleanType)
          .add("ratio", DataTypes.DoubleType);

  @TempDir Path dir;

  private static InternalRow full(long id) {
    return new GenericInternalRow(
        new Object[] {
          id,
          new GenericArrayData(new float[] {id, 0.5f, -id}),
          new GenericArrayData(new byte[] {(byte) id, -128}),
          new byte[] {(byte) id, 7},
          UTF8String.fromString("n" + id),
          new GenericArrayData(
              new Object[] {UTF8String.fromString("a" + id), UTF8String.fromString("b")}),
          id % 2 == 0,
          id / 4.0
        });
  }

  private static InternalRow nulls(long id, Object tags) {
    return new GenericInternalRow(new Object[] {id, null, null, null, null, tags, null, null});
  }

  private Path encode(CompressionCodecName codec, long rowGroupBytes, List<InternalRow> rows)
      throws Exception {
    RowLayout layout = WritePlanner.plan(NULLABLE, FRAME, PlanSettings.none());
    ParquetRowsEncoder encoder = new ParquetRowsEncoder(layout, 0, false, codec, rowGroupBytes);
    Path file = dir.resolve("part.parquet");
    encoder.start(suffix -> Files.newOutputStream(file));
    for (int i = 0; i < rows.size(); i++) {
      assertThat(encoder.write(rows.get(i), i)).isTrue();
    }
    encoder.finish();
    encoder.close();
    return file;
  }

  private static List<BlockMetaData> rowGroups(Path file) throws Exception {
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return reader.getFooter().getBlocks();
    }
  }

  private static void assertFull(Group row, long id) {
    assertThat(row.getLong("id", 0)).isEqualTo(id);
    Group vec = row.getGroup("vec", 0);
    assertThat(vec.getFieldRepetitionCount("list")).isEqualTo(3);
    assertThat(vec.getGroup("list", 0).getFloat("element", 0)).isEqualTo((float) id);
    assertThat(vec.getGroup("list", 1).getFloat("element", 0)).isEqualTo(0.5f);
    assertThat(vec.getGroup("list", 2).getFloat("element", 0)).isEqualTo((float) -id);
    Group codes = row.getGroup("codes", 0);
    assertThat(codes.getGroup("list", 0).getInteger("element", 0)).isEqualTo((int) (byte) id);
    assertThat(codes.getGroup("list", 1).getInteger("element", 0)).isEqualTo(-128);
    assertThat(row.getBinary("bits", 0).getBytes()).containsExactly((byte) id, 7);
    assertThat(row.getString("name", 0)).isEqualTo("n" + id);
    Group tags = row.getGroup("tags", 0);
    assertThat(tags.getFieldRepetitionCount("list")).isEqualTo(2);
    assertThat(tags.getGroup("list", 0).getString("element", 0)).isEqualTo("a" + id);
    assertThat(tags.getGroup("list", 1).getString("element", 0)).isEqualTo("b");
    assertThat(row.getBoolean("flag", 0)).isEqualTo(id % 2 == 0);
    assertThat(row.getDouble("ratio", 0)).isEqualTo(id / 4.0);
  }

  @Test
  void writesNullsOfEveryNullableColumnBetweenValues() throws Exception {
    Path file =
        encode(CompressionCodecName.SNAPPY, 1 << 20, List.of(full(1), nulls(2, null), full(3)));
    List<Group> rows = ParquetRowsEncoderTest.read(file);
    assertThat(rows).hasSize(3);
    assertFull(rows.get(0), 1);
    assertFull(rows.get(2), 3);
    Group empty = rows.get(1);
    assertThat(empty.getLong("id", 0)).isEqualTo(2);
    for (String column : List.of("vec", "codes", "bits", "name", "tags", "flag", "ratio")) {
      assertThat(empty.getFieldRepetitionCount(column)).as(column).isZero();
    }
  }

  @Test
  void keepsAnEmptyArrayApartFromANullOne() throws Exception {
    Path file =
        encode(
            CompressionCodecName.SNAPPY,
            1 << 20,
            List.of(nulls(1, new GenericArrayData(new Object[0])), nulls(2, null)));
    List<Group> rows = ParquetRowsEncoderTest.read(file);
    assertThat(rows.get(0).getFieldRepetitionCount("tags")).isEqualTo(1);
    assertThat(rows.get(0).getGroup("tags", 0).getFieldRepetitionCount("list")).isZero();
    assertThat(rows.get(1).getFieldRepetitionCount("tags")).isZero();
  }

  @Test
  void splitsALargeFileIntoRowGroupsOfAboutTheRowGroupSize() throws Exception {
    List<InternalRow> input = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      input.add(i % 7 == 3 ? nulls(i, null) : full(i));
    }
    Path file = encode(CompressionCodecName.UNCOMPRESSED, 16 << 10, input);

    List<BlockMetaData> groups = rowGroups(file);
    assertThat(groups).hasSizeGreaterThan(2);
    assertThat(groups.stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(3000);
    assertThat(groups.subList(0, groups.size() - 1))
        .allSatisfy(g -> assertThat(g.getTotalByteSize()).isBetween(8L << 10, 24L << 10));
    List<Group> rows = ParquetRowsEncoderTest.read(file);
    assertThat(rows).hasSize(3000);
    for (int i = 0; i < 3000; i++) {
      if (i % 7 == 3) {
        assertThat(rows.get(i).getFieldRepetitionCount("vec")).isZero();
      } else {
        assertFull(rows.get(i), i);
      }
    }
  }

  @Test
  void writesVectorValuesPlainAndScalarsWithADictionary() throws Exception {
    List<InternalRow> input = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      input.add(full(1 + i % 2));
    }
    Path file = encode(CompressionCodecName.SNAPPY, 1 << 20, input);
    List<ColumnChunkMetaData> chunks = rowGroups(file).get(0).getColumns();
    assertThat(chunks)
        .filteredOn(c -> List.of("vec", "codes", "bits").contains(c.getPath().toArray()[0]))
        .hasSize(3)
        .allSatisfy(
            c -> {
              assertThat(c.getEncodings()).contains(Encoding.PLAIN);
              assertThat(c.getEncodings()).doesNotContain(Encoding.PLAIN_DICTIONARY);
              assertThat(c.getDictionaryPageOffset()).isZero();
            });
    assertThat(chunks)
        .filteredOn(c -> c.getPath().toArray()[0].equals("name"))
        .singleElement()
        .satisfies(c -> assertThat(c.getEncodings()).contains(Encoding.PLAIN_DICTIONARY));
    ColumnChunkMetaData vec = chunks.get(1);
    assertThat(vec.getStatistics().genericGetMin()).isEqualTo(-2f);
    assertThat(vec.getStatistics().genericGetMax()).isEqualTo(2f);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
  void compressesEveryColumnWithTheChosenCodec(CompressionCodecName codec) throws Exception {
    List<InternalRow> input = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      input.add(i == 5 ? nulls(i, null) : full(i));
    }
    Path file = encode(codec, 1 << 20, input);

    assertThat(rowGroups(file))
        .flatExtracting(BlockMetaData::getColumns)
        .extracting(ColumnChunkMetaData::getCodec)
        .containsOnly(codec);
    List<Group> rows = ParquetRowsEncoderTest.read(file);
    assertThat(rows).hasSize(200);
    assertFull(rows.get(199), 199);
    assertThat(rows.get(5).getFieldRepetitionCount("name")).isZero();
  }

  @Test
  void closesTheStreamOfAnAbandonedFileWithoutFinishingIt() throws Exception {
    RowLayout layout = WritePlanner.plan(NULLABLE, FRAME, PlanSettings.none());
    ParquetRowsEncoder encoder =
        new ParquetRowsEncoder(layout, 0, false, CompressionCodecName.SNAPPY);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicBoolean closed = new AtomicBoolean();
    encoder.start(
        suffix ->
            new FilterOutputStream(bytes) {
              @Override
              public void close() throws IOException {
                closed.set(true);
                super.close();
              }
            });
    encoder.write(full(1), 0);

    encoder.close();

    assertThat(closed).isTrue();
    assertThat(bytes.size()).isLessThan(100);
  }
}
