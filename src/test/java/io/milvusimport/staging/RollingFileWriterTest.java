package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.format.RowFileEncoders;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.WritePlanner;
import io.milvusimport.testkit.LocalS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RollingFileWriter with the npy encoder, whose fixed-width columns are moved in, not copied. */
@Tag("e2e")
class RollingFileWriterTest {
  private static final String BUCKET = "rolling-writer-test";
  static final CollectionSchema DOCS =
      new CollectionSchema(
          "default",
          "docs",
          List.of(
              MilvusField.builder("id", "Int64").primaryKey(true).build(),
              MilvusField.builder("embedding", "FloatVector").dim(2).build(),
              MilvusField.builder("text", "VarChar").maxLength(20).build()),
          false);
  static final StructType FRAME =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType), false)
          .add("text", DataTypes.StringType, false);

  @TempDir Path dir;

  static InternalRow row(long id) {
    return new GenericInternalRow(
        new Object[] {
          id, new GenericArrayData(new float[] {id, -id}), UTF8String.fromString("t" + id)
        });
  }

  /** A staging directory on the local file system or on S3A (S3Proxy). */
  private String directory(String scheme) {
    if (scheme.equals("file")) {
      return dir.resolve("stage").toUri().toString();
    }
    LocalS3.shared().createBucket(BUCKET);
    return "s3a://" + BUCKET + "/" + UUID.randomUUID();
  }

  private static Configuration conf() {
    Configuration conf = new Configuration();
    for (Map.Entry<String, String> e : LocalS3.shared().hadoopOptions().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return conf;
  }

  private static RollingFileWriter writer(String directory, long maxFileSize) throws IOException {
    return new RollingFileWriter(
        conf(),
        directory,
        3,
        RowFileEncoders.create(
            "npy", "snappy", WritePlanner.plan(DOCS, FRAME, PlanSettings.none()), 3, false),
        maxFileSize);
  }

  /** The exact bytes of a moved {@code .npy} part: a 128-byte version 1.0 header, then data. */
  private static byte[] npy(String dict, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0});
    StringBuilder text = new StringBuilder(dict);
    while (text.length() < 117) {
      text.append(' ');
    }
    out.writeBytes(text.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static byte[] read(FileSystem fs, String uri) throws IOException {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  private static List<String> files(FileSystem fs, String directory) throws IOException {
    List<String> files = new ArrayList<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(directory);
    if (!fs.exists(root)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      files.add(it.next().getPath().getName());
    }
    return files;
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "s3a"})
  void movedColumnsEndWithTheExactNpyBytesAndSizesAreCounted(String scheme) throws Exception {
    String directory = directory(scheme);
    RollingFileWriter writer = writer(directory, Long.MAX_VALUE);
    for (long id = 1; id <= 3; id++) {
      writer.write(row(id), id);
    }
    List<StagedFile> staged = writer.finish();

    assertThat(staged).hasSize(1);
    assertThat(staged.get(0).rows()).isEqualTo(3);
    FileSystem fs = new org.apache.hadoop.fs.Path(directory).getFileSystem(conf());
    String ids = staged.get(0).uris().get(0);
    assertThat(ids).endsWith("/id.npy");
    ByteBuffer longs = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    longs.putLong(1).putLong(2).putLong(3);
    assertThat(read(fs, ids))
        .isEqualTo(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", longs.array()));
    String vectors = staged.get(0).uris().get(1);
    assertThat(vectors).endsWith("/embedding.npy");
    ByteBuffer floats = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    floats.putFloat(1).putFloat(-1).putFloat(2).putFloat(-2).putFloat(3).putFloat(-3);
    assertThat(read(fs, vectors))
        .isEqualTo(
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", floats.array()));
    long onStore = 0;
    for (String uri : staged.get(0).uris()) {
      onStore += fs.getFileStatus(new org.apache.hadoop.fs.Path(uri)).getLen();
    }
    assertThat(staged.get(0).bytes()).isEqualTo(onStore);
    assertThat(files(fs, directory))
        .containsExactlyInAnyOrder("id.npy", "embedding.npy", "text.npy");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "s3a"})
  void discardDeletesEveryGroupIncludingMovedColumns(String scheme) throws Exception {
    String directory = directory(scheme);
    RollingFileWriter writer = writer(directory, 1);
    for (long id = 1; id <= 3; id++) {
      writer.write(row(id), id);
    }
    FileSystem fs = new org.apache.hadoop.fs.Path(directory).getFileSystem(conf());
    assertThat(writer.filesClosed()).isEqualTo(3);
    assertThat(files(fs, directory)).hasSize(9).contains("id.npy", "embedding.npy");

    writer.discard();

    assertThat(files(fs, directory)).isEmpty();
  }

  /** One of the file system's own counters (its storage statistics are shared by all S3A). */
  private static long statistic(FileSystem fs, String name) {
    Long value = IOStatisticsSupport.retrieveIOStatistics(fs).counters().get(name);
    assertThat(value).as(name).isNotNull();
    return value;
  }

  @Test
  void stagingOnS3aMakesNoHeadRequestBeyondTheUploadOfMovedColumns() throws Exception {
    String directory = directory("s3a");
    FileSystem fs = new org.apache.hadoop.fs.Path(directory).getFileSystem(conf());
    long heads = statistic(fs, "object_metadata_request");
    long puts = statistic(fs, "object_put_request");
    RollingFileWriter writer = writer(directory, Long.MAX_VALUE);
    writer.write(row(1), 1);
    writer.finish();

    // id.npy and embedding.npy are uploaded by copyFromLocalFile, which probes its destination;
    // text.npy is created with overwrite=true, and no size is asked after close.
    assertThat(statistic(fs, "object_put_request") - puts).isEqualTo(3);
    assertThat(statistic(fs, "object_metadata_request") - heads).isEqualTo(2);
  }

  /** S3A 3.3.5+ takes the per-call option that skips create's probe and the marker cleanup. */
  private static boolean s3aHasPerformanceCreate() {
    String[] version = org.apache.hadoop.util.VersionInfo.getVersion().split("[.-]");
    int major = Integer.parseInt(version[0]);
    int minor = Integer.parseInt(version[1]);
    int patch = Integer.parseInt(version[2]);
    return major > 3 || (major == 3 && (minor > 3 || (minor == 3 && patch >= 5)));
  }

  @Test
  void aStreamedPartOnS3aIsCompleteWhenFinishReturnsAndSkipsTheProbesS3aLetsItSkip()
      throws Exception {
    String directory = directory("s3a");
    FileSystem fs = new org.apache.hadoop.fs.Path(directory).getFileSystem(conf());
    long puts = statistic(fs, "object_put_request");
    long lists = statistic(fs, "object_list_request");
    long bulkDeletes = statistic(fs, "object_bulk_delete_request");
    RollingFileWriter writer =
        new RollingFileWriter(
            conf(),
            directory,
            3,
            RowFileEncoders.create(
                "json", "snappy", WritePlanner.plan(DOCS, FRAME, PlanSettings.none()), 3, false),
            Long.MAX_VALUE);
    writer.write(row(1), 1);
    writer.write(row(2), 2);
    List<StagedFile> staged = writer.finish();

    // One part, closed on the upload pool: one PUT, and no probe or marker cleanup where S3A
    // offers fs.s3a.create.performance (3.3.5+); a LIST and a bulk DELETE on older S3A.
    long listed = statistic(fs, "object_list_request") - lists;
    long markerDeletes = statistic(fs, "object_bulk_delete_request") - bulkDeletes;
    assertThat(statistic(fs, "object_put_request") - puts).isEqualTo(1);
    assertThat(listed).isEqualTo(s3aHasPerformanceCreate() ? 0 : 1);
    assertThat(markerDeletes).isEqualTo(s3aHasPerformanceCreate() ? 0 : 1);
    assertThat(staged).hasSize(1);
    String json = new String(read(fs, staged.get(0).uris().get(0)), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"rows\":[").contains("\"id\":1").contains("\"id\":2");
    assertThat(staged.get(0).bytes()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
  }
}
