package io.milvusimport.testkit.cloud;

import io.milvusimport.testkit.ImportTestBed;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A Zilliz stand-in with one cluster ({@link #CLUSTER} in {@link #REGION} of {@link #PROJECT})
 * whose Milvus is a {@link MilvusStandIn}, over the shared test S3; a second region {@link
 * #OTHER_REGION} exists for region-mismatch tests. Makes docs collections and JSON row files.
 */
public final class ZillizTestBed implements AutoCloseable {
  public static final String API_KEY = "zilliz-api-key-Sup3r-s3cret";
  public static final String PROJECT = "proj-standin";
  public static final String REGION = "aws-us-west-2";
  public static final String OTHER_REGION = "gcp-us-west1";
  public static final String CLUSTER = "in01-standin";
  public static final String URL_ACCESS_KEY = "url-reader-ak";
  public static final String URL_SECRET = "url-reader-S3cret-never-printed";
  public static final String URL_TOKEN = "url-reader-session-token";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final MilvusStandIn milvus;
  private final ZillizStandIn zilliz;
  private final LocalS3 s3;
  private final String userBucket;

  private ZillizTestBed(
      UnaryOperator<ZillizStandIn.Builder> tweak, UnaryOperator<MilvusStandIn.Builder> cluster) {
    this.s3 = LocalS3.shared();
    this.milvus = cluster.apply(MilvusStandIn.builder().stepDelay(Duration.ofMillis(10))).start();
    this.userBucket = "user-bucket-" + NAMES.incrementAndGet();
    s3.createBucket(userBucket);
    this.zilliz =
        tweak
            .apply(
                ZillizStandIn.builder()
                    .apiKey(API_KEY)
                    .project(PROJECT, REGION, OTHER_REGION)
                    .cluster(CLUSTER, PROJECT, REGION, milvus)
                    .storage(s3, "zilliz-volumes-" + NAMES.incrementAndGet())
                    .urlCredentials(URL_ACCESS_KEY, URL_SECRET, URL_TOKEN)
                    .stepDelay(Duration.ofMillis(20)))
            .start();
  }

  public static ZillizTestBed start() {
    return start(b -> b);
  }

  /** With the stand-in's builder adjusted (rate limit, no describe route, ...). */
  public static ZillizTestBed start(UnaryOperator<ZillizStandIn.Builder> tweak) {
    return new ZillizTestBed(tweak, m -> m);
  }

  /** Also with the cluster's Milvus stand-in adjusted (such as its largest import file). */
  public static ZillizTestBed start(
      UnaryOperator<ZillizStandIn.Builder> tweak, UnaryOperator<MilvusStandIn.Builder> cluster) {
    return new ZillizTestBed(tweak, cluster);
  }

  public ZillizStandIn zilliz() {
    return zilliz;
  }

  public MilvusStandIn milvus() {
    return milvus;
  }

  public LocalS3 s3() {
    return s3;
  }

  /** A bucket of "the user's own" for object-URL imports. */
  public String userBucket() {
    return userBucket;
  }

  /** The control-plane options: endpoint, key, project, region, cluster, fast back-off. */
  public Map<String, String> options() {
    Map<String, String> o = new TreeMap<>();
    o.put("cloudEndpoint", zilliz.uri());
    o.put("cloudApiKey", API_KEY);
    o.put("projectId", PROJECT);
    o.put("regionId", REGION);
    o.put("clusterId", CLUSTER);
    o.put("pollInterval", "20ms");
    o.put("maxPollInterval", "200ms");
    o.put("retries", "3");
    return o;
  }

  /** A new docs collection (id, 4-dim embedding, text) in the cluster's default database. */
  public String createDocs() {
    String name = "cloud_docs_" + NAMES.incrementAndGet();
    milvus.createCollection("default", ImportTestBed.docsCollectionBody(name, 4, 64));
    return name;
  }

  /** A row-based JSON import file of {@code rows} docs rows from id {@code firstId}. */
  public static byte[] jsonRows(long firstId, int rows) {
    StringBuilder b = new StringBuilder("{\"rows\":[");
    for (long id = firstId; id < firstId + rows; id++) {
      b.append(id == firstId ? "" : ",")
          .append("{\"id\":")
          .append(id)
          .append(",\"embedding\":[0.5,0.25,0.125,")
          .append(id)
          .append(".0],\"text\":\"doc ")
          .append(id)
          .append("\"}");
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Puts a file into a volume at {@code dataPath} (as an upload would). */
  public void putInVolume(String volume, String dataPath, byte[] data) {
    s3.put(zilliz.volumeBucket(), zilliz.volumePrefix(volume) + dataPath, data);
  }

  @Override
  public void close() {
    zilliz.close();
    milvus.close();
  }
}
