package io.milvusimport.staging;

import io.milvusimport.format.RowFileEncoders;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.MilvusField;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import io.milvusimport.testkit.HeapWatch;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One task's write path, run alone in a JVM with a small heap: rows in Spark's own format go
 * through the encoder and the rolling writer to a Hadoop file system until {@code targetBytes} are
 * staged. Prints the staged bytes, rows, seconds and the heap's peak, as one line a test or
 * benchmark can parse: {@code staged=<bytes> rows=<n> files=<n> seconds=<s> peakHeap=<bytes>
 * liveHeap=<bytes> baseHeap=<bytes>}. {@code peakHeap} samples the heap in use (garbage included,
 * so it tends to the heap limit); {@code liveHeap} is the peak right after collections, {@code
 * baseHeap} the heap after a full collection before the first row, so {@code liveHeap - baseHeap}
 * is what writing costs.
 *
 * <p>Arguments: format, directory URI, target bytes, vector dimension.
 */
public final class LargeTaskProbe {
  /** The heap the probe runs with: well under what one task writes, so a leak cannot hide. */
  public static final String HEAP = "-Xmx160m";

  private static final String ZEROS = "0".repeat(55);

  private LargeTaskProbe() {}

  /**
   * The command that runs the probe in its own JVM with {@link #HEAP}, this JVM's class path and
   * module flags, and temporary files under {@code dir}; with a Flight Recorder file when {@code
   * jfr} is not null. Files are staged to {@code dir/staged}.
   */
  public static List<String> command(String format, Path dir, long bytes, Path jfr) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-") || flag.startsWith("-XX:+IgnoreUnrecognized")) {
        command.add(flag);
      }
    }
    if (jfr != null) {
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
    }
    command.add("-Djava.io.tmpdir=" + dir);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LargeTaskProbe.class.getName());
    command.add(format);
    command.add(dir.resolve("staged").toUri().toString());
    command.add(Long.toString(bytes));
    command.add("768");
    return command;
  }

  public static void main(String[] args) throws Exception {
    String format = args[0];
    String directory = args[1];
    long target = Long.parseLong(args[2]);
    int dim = Integer.parseInt(args[3]);
    CollectionSchema collection =
        new CollectionSchema(
            "default",
            "probe",
            List.of(
                MilvusField.builder("id", "Int64").primaryKey(true).build(),
                MilvusField.builder("embedding", "FloatVector").dim(dim).build(),
                MilvusField.builder("text", "VarChar").maxLength(256).build()),
            false);
    StructType frame =
        new StructType()
            .add("id", DataTypes.LongType, false)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("text", DataTypes.StringType, false);
    RowLayout layout = WritePlanner.plan(collection, frame, PlanSettings.none());
    Configuration conf = new Configuration();
    RollingFileWriter writer =
        new RollingFileWriter(
            conf,
            directory,
            0,
            RowFileEncoders.create(format, "snappy", layout, 0, false),
            1L << 30);
    UnsafeProjection toUnsafe = UnsafeProjection.create(frame);
    float[] vector = new float[dim];
    HeapWatch live = new HeapWatch();
    live.begin();
    HeapSampler heap = new HeapSampler();
    heap.start();
    long seed = 0x9E3779B97F4A7C15L;
    long started = System.nanoTime();
    long rows = 0;
    long staged = 0;
    while (staged < target) {
      for (int i = 0; i < 10_000; i++, rows++) {
        for (int j = 0; j < dim; j++) {
          seed ^= seed << 13;
          seed ^= seed >>> 7;
          seed ^= seed << 17;
          vector[j] = (seed >>> 40) / (float) (1 << 24) - 0.5f;
        }
        UnsafeRow row =
            toUnsafe.apply(
                new GenericInternalRow(
                    new Object[] {
                      rows,
                      UnsafeArrayData.fromPrimitiveArray(vector),
                      UTF8String.fromString(text(rows))
                    }));
        writer.write(row, rows);
      }
      staged = stagedBytes(conf, directory);
    }
    List<StagedFile> files = writer.finish();
    long total = files.stream().mapToLong(StagedFile::bytes).sum();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "staged=%d rows=%d files=%d seconds=%.1f peakHeap=%d liveHeap=%d baseHeap=%d%n",
        total,
        rows,
        files.size(),
        seconds,
        heap.peak(),
        live.peak(),
        live.baseline());
  }

  /**
   * A 64-character text, {@code document-000...<n>}: built without a formatter so that generating
   * rows costs little next to encoding them (the benchmark profiles this probe).
   */
  private static String text(long n) {
    String digits = Long.toString(n);
    return "document-" + ZEROS.substring(digits.length()) + digits;
  }

  private static long stagedBytes(Configuration conf, String directory) throws Exception {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(directory);
    org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
    return fs.exists(path) ? fs.getContentSummary(path).getLength() : 0;
  }

  /** Samples the heap in use every 20 ms; its peak includes garbage not yet collected. */
  private static final class HeapSampler extends Thread {
    private volatile long peak;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      Runtime runtime = Runtime.getRuntime();
      while (true) {
        peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peak() {
      return peak;
    }
  }
}
