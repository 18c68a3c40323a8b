package io.milvusimport.bench.peer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.bulkwriter.LocalBulkWriter;
import io.milvus.bulkwriter.LocalBulkWriterParam;
import io.milvus.bulkwriter.common.clientenum.BulkFileType;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvusimport.testkit.HeapWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's peer: W1's rows written by Milvus's own Java bulk writer ({@code LocalBulkWriter}
 * of io.milvus:milvus-sdk-java-bulkwriter) as a user of that SDK would, a Gson row per {@code
 * appendRow}, into a local directory. Runs in a JVM of its own, forked by the staging benchmark
 * with the bulk writer's class path, which never meets the connector's.
 *
 * <p>Arguments: {@code --rows N --format parquet|json --dir D [--threads T] [--warmup-rows W]}. A
 * warm-up of W rows (default 5,000) into a scratch directory comes first, so the measured pass is
 * not the JIT's first. Each thread has its own writer and a contiguous share of the ids. The figure
 * is the time spent building rows and in the writer's calls ({@code appendRow} and {@code close},
 * which writes the last file); generating the values (hashes, SHA-256) is not timed, as Spark's
 * writers read them from a cached DataFrame. With several threads it is the slowest thread's time.
 * Prints one line for the benchmark: {@code peer-result rows=.. nanos=.. heap=..
 * files=path|path..}.
 */
public final class BulkWriterPeer {
  private BulkWriterPeer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    long rows = Long.parseLong(flags.get("rows"));
    BulkFileType type = BulkFileType.valueOf(flags.get("format").toUpperCase(Locale.ROOT));
    Path dir = Paths.get(flags.get("dir"));
    int threads = Integer.parseInt(flags.getOrDefault("threads", "1"));
    long warmup = Long.parseLong(flags.getOrDefault("warmup-rows", "5000"));
    if (warmup > 0) {
      Path scratch = Files.createTempDirectory("bulkwriter-warmup-");
      write(type, scratch, warmup, threads, new ArrayList<>());
      deleteTree(scratch);
    }
    HeapWatch heap = new HeapWatch();
    heap.begin();
    List<String> files = new ArrayList<>();
    long nanos = write(type, dir, rows, threads, files);
    System.out.printf(
        Locale.ROOT,
        "peer-result rows=%d nanos=%d heap=%d files=%s%n",
        rows,
        nanos,
        heap.peakOverBaseline(),
        String.join("|", files));
  }

  private static long write(BulkFileType type, Path dir, long rows, int threads, List<String> files)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      List<List<String>> partFiles = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long from = rows * t / threads;
        long to = rows * (t + 1) / threads;
        List<String> mine = new ArrayList<>();
        partFiles.add(mine);
        parts.add(pool.submit(() -> writeRange(type, dir, from, to, mine)));
      }
      long slowest = 0;
      for (Future<Long> part : parts) {
        slowest = Math.max(slowest, part.get());
      }
      partFiles.forEach(files::addAll);
      return slowest;
    } finally {
      pool.shutdown();
    }
  }

  /** Writes ids [from, to) with one writer; returns the nanoseconds spent in the writer. */
  private static long writeRange(
      BulkFileType type, Path dir, long from, long to, List<String> files) throws Exception {
    W1Values values = new W1Values();
    float[] vector = new float[W1Values.DIM];
    LocalBulkWriter writer =
        new LocalBulkWriter(
            LocalBulkWriterParam.newBuilder()
                .withCollectionSchema(schema())
                .withLocalPath(dir.toString())
                .withFileType(type)
                .build());
    long nanos = 0;
    for (long id = from; id < to; id++) {
      W1Values.vector(id, vector);
      String text = values.text(id);
      long start = System.nanoTime();
      JsonObject row = new JsonObject();
      row.addProperty("id", id);
      JsonArray embedding = new JsonArray(vector.length);
      for (float f : vector) {
        embedding.add(f);
      }
      row.add("embedding", embedding);
      row.addProperty("text", text);
      writer.appendRow(row);
      nanos += System.nanoTime() - start;
    }
    long start = System.nanoTime();
    writer.close();
    nanos += System.nanoTime() - start;
    writer.getBatchFiles().forEach(files::addAll);
    return nanos;
  }

  private static CreateCollectionReq.CollectionSchema schema() {
    CreateCollectionReq.CollectionSchema schema =
        CreateCollectionReq.CollectionSchema.builder().build();
    schema.addField(
        AddFieldReq.builder()
            .fieldName("id")
            .dataType(DataType.Int64)
            .isPrimaryKey(true)
            .autoID(false)
            .build());
    schema.addField(
        AddFieldReq.builder()
            .fieldName("embedding")
            .dataType(DataType.FloatVector)
            .dimension(W1Values.DIM)
            .build());
    schema.addField(
        AddFieldReq.builder().fieldName("text").dataType(DataType.VarChar).maxLength(64).build());
    return schema;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
