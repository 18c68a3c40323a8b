package io.milvusimport.bench;

import io.milvusimport.format.RowFileEncoders;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import io.milvusimport.staging.RollingFileWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import jdk.jfr.Recording;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The npy encoder alone ({@code --npy-hot-path}): one thread writes W1 rows, pre-built in Spark's
 * row format (10,000 distinct rows reused, so generating them stays out of the figures), through
 * {@link RollingFileWriter} to the local file system, several rounds. Prints the thread's CPU
 * seconds per round and, with {@code --profile}, Flight Recorder samples (every millisecond) of the
 * write path only: what the encoder costs, without Spark, row generation or start-up around it.
 */
final class NpyHotPath {
  private static final int DIM = 768;
  private static final int DISTINCT = 10_000;

  private NpyHotPath() {}

  static String run(long rows, int rounds, boolean profile) throws Exception {
    StructType frame =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("text", DataTypes.StringType, false);
    CollectionSchema collection =
        new CollectionSchema(
            "default",
            "hot_path",
            List.of(
                MilvusField.builder("id", "Int64").primaryKey(true).build(),
                MilvusField.builder("embedding", "FloatVector").dim(DIM).build(),
                MilvusField.builder("text", "VarChar").maxLength(64).build()),
            false);
    RowLayout layout = WritePlanner.plan(collection, frame, PlanSettings.none());
    InternalRow[] pool = rows(frame);
    Path dir = Files.createTempDirectory("npy-hot-path-");
    StringBuilder out = new StringBuilder();
    Recording recording = null;
    if (profile) {
      recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
      recording.start();
    }
    try {
      for (int round = 0; round < rounds; round++) {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        RollingFileWriter writer =
            new RollingFileWriter(
                new Configuration(),
                dir.resolve("round-" + round).toUri().toString(),
                0,
                RowFileEncoders.create("npy", "snappy", layout, 0, false),
                1L << 30);
        for (long i = 0; i < rows; i++) {
          writer.write(pool[(int) (i % DISTINCT)], i);
        }
        writer.finish();
        cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
        out.append(
            String.format(
                Locale.ROOT,
                "round %d: %,d rows, %.3f s thread CPU, %,.0f rows per CPU-second%n",
                round,
                rows,
                cpu / 1e9,
                rows / (cpu / 1e9)));
        FileUtils.deleteQuietly(dir.resolve("round-" + round).toFile());
      }
      if (recording != null) {
        recording.stop();
        Path jfr = dir.resolve("hot-path.jfr");
        recording.dump(jfr);
        out.append("write path (samples with RollingFileWriter on the stack):\n")
            .append(JfrSummary.summarise(jfr, 15, RollingFileWriter.class.getName()));
      }
    } finally {
      if (recording != null) {
        recording.close();
      }
      FileUtils.deleteQuietly(dir.toFile());
    }
    return out.toString();
  }

  /** W1-like rows in Spark's row format: full-precision floats, a 64-character text. */
  private static InternalRow[] rows(StructType frame) {
    UnsafeProjection toUnsafe = UnsafeProjection.create(frame);
    InternalRow[] rows = new InternalRow[DISTINCT];
    float[] vector = new float[DIM];
    long seed = 0x9E3779B97F4A7C15L;
    for (int r = 0; r < DISTINCT; r++) {
      for (int j = 0; j < DIM; j++) {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        vector[j] = (seed >>> 40) / (float) (1 << 23) - 1f;
      }
      String digits = Integer.toString(r);
      String text = "document-" + "0".repeat(55 - digits.length()) + digits;
      rows[r] =
          toUnsafe
              .apply(
                  new GenericInternalRow(
                      new Object[] {
                        (long) r,
                        UnsafeArrayData.fromPrimitiveArray(vector),
                        UTF8String.fromString(text)
                      }))
              .copy();
    }
    return rows;
  }
}
