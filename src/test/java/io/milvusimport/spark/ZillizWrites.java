package io.milvusimport.spark;

import io.milvusimport.cloud.CloudConnection;
import io.milvusimport.cloud.Volumes;
import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.SparkTestSession;
import io.milvusimport.testkit.TestPki;
import io.milvusimport.testkit.cloud.VolumeObjectStore;
import io.milvusimport.testkit.cloud.ZillizStandIn;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The stack of a {@code df.write} into Zilliz Cloud: the control-plane stand-in ({@link
 * ZillizTestBed}, its cluster a Milvus stand-in) whose {@code apply} is answered by a {@link
 * VolumeObjectStore} (the HTTPS S3 front of volumes, writing into the bucket the control plane
 * imports from), and writers with the options of each way to stage.
 */
final class ZillizWrites implements AutoCloseable {
  static final int DIM = 4;
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final VolumeObjectStore front;
  private final ZillizTestBed bed;
  private final Path caPem;
  private final SparkSession spark;

  private ZillizWrites(
      SparkSession spark,
      UnaryOperator<ZillizStandIn.Builder> tweak,
      UnaryOperator<MilvusStandIn.Builder> cluster) {
    this.spark = spark;
    String bucket = "zilliz-front-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    this.front = VolumeObjectStore.start(LocalS3.shared(), bucket, TestPki.create(bucket));
    this.bed =
        ZillizTestBed.start(
            b -> tweak.apply(b.storage(LocalS3.shared(), bucket).credentialIssuer(front)), cluster);
    try {
      this.caPem = Files.createTempFile("zilliz-front-ca", ".pem");
      Files.writeString(caPem, front.uploadSettings().caPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** On the shared local Spark. */
  static ZillizWrites start(UnaryOperator<ZillizStandIn.Builder> tweak) {
    return new ZillizWrites(SparkTestSession.get(), tweak, m -> m);
  }

  /** With the cluster's Milvus stand-in adjusted. */
  static ZillizWrites startWithCluster(UnaryOperator<MilvusStandIn.Builder> cluster) {
    return new ZillizWrites(SparkTestSession.get(), b -> b.rateLimit(1000), cluster);
  }

  static ZillizWrites start() {
    return start(b -> b.rateLimit(1000));
  }

  /** On a {@code local-cluster} Spark with the given serializer. */
  static ZillizWrites startOnCluster(SparkTestSession.Serializer serializer) {
    return new ZillizWrites(SparkTestSession.cluster(serializer), b -> b.rateLimit(1000), m -> m);
  }

  VolumeObjectStore front() {
    return front;
  }

  ZillizTestBed bed() {
    return bed;
  }

  ZillizStandIn zilliz() {
    return bed.zilliz();
  }

  SparkSession spark() {
    return spark;
  }

  /** A new MANAGED volume in the cluster's region. */
  String createVolume() {
    return volumes().create("vol_" + NAMES.incrementAndGet());
  }

  Volumes volumes() {
    return new Volumes(CloudConnection.parse(bed.options()).client());
  }

  /** A new docs collection (id, 4-dim embedding, text) in the cluster. */
  String createDocs() {
    return bed.createDocs();
  }

  /** Rows as {@link ImportTestBed#docs} makes them. */
  Dataset<Row> docs(long rows, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .selectExpr(
            "id",
            "transform(sequence(0, "
                + (DIM - 1)
                + "), i -> cast((id * "
                + DIM
                + " + i) / 10.0 as float)) as embedding",
            "concat('doc-', id) as text");
  }

  /** A writer with the control-plane options and the cluster endpoint, staging nowhere yet. */
  DataFrameWriter<Row> writer(Dataset<Row> df, String collection) {
    DataFrameWriter<Row> w =
        df.write()
            .format("milvus-import")
            .mode("append")
            .option("uri", bed.milvus().uri())
            .option("token", ImportTestBed.TOKEN)
            .option("collection", collection);
    for (Map.Entry<String, String> e : bed.options().entrySet()) {
      w = w.option(e.getKey(), e.getValue());
    }
    return w;
  }

  /** Staged straight into {@code volume}; the front's CA through option cloudCaPemPath. */
  DataFrameWriter<Row> volumeWriter(Dataset<Row> df, String collection, String volume) {
    return writer(df, collection)
        .option("volume", volume)
        .option("cloudCaPemPath", caPem.toString());
  }

  /** Staged in "the user's own" bucket, read by Zilliz through object URLs. */
  DataFrameWriter<Row> bucketWriter(Dataset<Row> df, String collection, String prefix) {
    return writer(df, collection)
        .option("stagingPath", "s3a://" + bed.userBucket() + "/" + prefix + "/")
        .option("cloudAccessKey", ZillizTestBed.URL_ACCESS_KEY)
        .option("cloudSecretKey", ZillizTestBed.URL_SECRET)
        .option("cloudSessionToken", ZillizTestBed.URL_TOKEN);
  }

  /** Rows of the collection in the cluster's Milvus. */
  List<Map<String, Object>> rows(String collection) {
    return bed.milvus().rows("default", collection);
  }

  /** Object keys in the volume under {@code path}. */
  List<String> volumeKeys(String volume, String path) {
    return LocalS3.shared().listKeys(front.bucket(), zilliz().volumePrefix(volume) + path);
  }

  /** Object keys in the user's bucket under {@code prefix}, leaving out directory markers. */
  List<String> bucketKeys(String prefix) {
    List<String> keys =
        new java.util.ArrayList<>(LocalS3.shared().listKeys(bed.userBucket(), prefix));
    keys.removeIf(k -> k.endsWith("/"));
    return keys;
  }

  @Override
  public void close() {
    bed.close();
    front.close();
    try {
      Files.deleteIfExists(caPem);
    } catch (IOException ignored) {
      // a temp file
    }
  }
}
