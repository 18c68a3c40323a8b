package io.milvusimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRowsEncoderTest {
  private static final CollectionSchema ITEMS =
      new CollectionSchema(
          "default",
          "items",
          List.of(
              MilvusField.builder("id", "Int64").primaryKey(true).build(),
              MilvusField.builder("vec", "FloatVector").dim(2).build(),
              MilvusField.builder("half", "Float16Vector").dim(2).build(),
              MilvusField.builder("small", "Int8").build(),
              MilvusField.builder("tags", "Array").elementType("Int16").maxCapacity(4).build(),
              MilvusField.builder("score", "Float").nullable(true).build()),
          true);
  private static final StructType FRAME =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("vec", DataTypes.createArrayType(DataTypes.FloatType))
          .add("half", DataTypes.createArrayType(DataTypes.FloatType))
          .add("small", DataTypes.IntegerType)
          .add("tags", DataTypes.createArrayType(DataTypes.IntegerType))
          .add("score", DataTypes.FloatType)
          .add("color", DataTypes.StringType);

  @TempDir Path dir;

  private static InternalRow row(long id, Float score, Object... tags) {
    return new GenericInternalRow(
        new Object[] {
          id,
          new GenericArrayData(new float[] {id, -id}),
          new GenericArrayData(new float[] {0.5f, 1f}),
          (int) id,
          new GenericArrayData(tags),
          score,
          UTF8String.fromString("c" + id)
        });
  }

  private Path encode(InternalRow... rows) throws Exception {
    RowLayout layout = WritePlanner.plan(ITEMS, FRAME, PlanSettings.none());
    ParquetRowsEncoder encoder =
        new ParquetRowsEncoder(layout, 0, true, CompressionCodecName.SNAPPY);
    Path file = dir.resolve("part.parquet");
    encoder.start(suffix -> Files.newOutputStream(file));
    for (int i = 0; i < rows.length; i++) {
      encoder.write(rows[i], i);
    }
    encoder.finish();
    encoder.close();
    return file;
  }

  /** Every record of a Parquet file, as parquet-mr's example groups. */
  static List<Group> read(Path file) throws Exception {
    List<Group> groups = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        groups.add(g);
      }
    }
    return groups;
  }

  @Test
  void writesOptionalColumnsWithTheTypesMilvusReads() throws Exception {
    Path file = encode(row(1, 0.25f, 1, 2));
    MessageType schema;
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      schema = reader.getFooter().getFileMetaData().getSchema();
    }
    assertThat(schema.getFields())
        .extracting(f -> f.getName())
        .containsExactly("id", "vec", "half", "small", "tags", "score", "$meta");
    assertThat(schema.getFields())
        .allMatch(f -> f.isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL));
    String text = schema.toString();
    assertThat(text)
        .contains(
            "optional group vec (LIST) {\n    repeated group list {\n      optional float element;")
        .contains("optional binary half;")
        .contains("optional int32 small (INTEGER(8,true));")
        .contains("optional int32 element (INTEGER(16,true));")
        .contains("optional binary $meta (STRING);");
  }

  @Test
  void writesValuesNullsAndHalfPrecisionBytes() throws Exception {
    List<Group> rows = read(encode(row(1, 0.25f, 1, 2), row(2, null)));
    assertThat(rows).hasSize(2);
    Group first = rows.get(0);
    assertThat(first.getLong("id", 0)).isEqualTo(1);
    assertThat(first.getGroup("vec", 0).getGroup("list", 1).getFloat("element", 0)).isEqualTo(-1f);
    byte[] half = first.getBinary("half", 0).getBytes();
    assertThat(half).containsExactly(0x00, 0x38, 0x00, 0x3c);
    assertThat(first.getGroup("tags", 0).getFieldRepetitionCount("list")).isEqualTo(2);
    assertThat(first.getFloat("score", 0)).isEqualTo(0.25f);
    assertThat(first.getString("$meta", 0)).isEqualTo("{\"color\":\"c1\"}");
    Group second = rows.get(1);
    assertThat(second.getFieldRepetitionCount("score")).isZero();
    assertThat(second.getGroup("tags", 0).getFieldRepetitionCount("list")).isZero();
  }

  @Test
  void skipsARowWithAnArrayOverCapacity() throws Exception {
    List<Group> rows = read(encode(row(1, 1f, 1, 2, 3, 4, 5), row(2, 1f, 7)));
    assertThat(rows).extracting(g -> g.getLong("id", 0)).containsExactly(2L);
  }
}
