package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.milvusimport.testkit.LocalS3;
import io.milvusimport.testkit.standin.FileSource;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in, not Zilliz Cloud: the control plane on 127.0.0.1 as the contract describes it
 * (volumes and stages, {@code apply}, cloud import jobs, Bearer API keys, 20 requests per second
 * per endpoint answered HTTP 429 above that). Its clusters are {@link MilvusStandIn}s: a cloud
 * import reads the volume's files (test S3, bucket {@code volumeBucket}, key {@code volumePrefix +
 * dataPath}) or the object URLs' with the Milvus stand-in's own readers and adds the rows to its
 * collection, so tests assert exact rows. Every answer carries {@code X-Stand-In: not Zilliz
 * Cloud}.
 */
public final class ZillizStandIn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZillizStandIn.class);

  /** A cluster: its id, project, region and the Milvus behind it. */
  static final class Cluster {
    final String clusterId;
    final String projectId;
    final String regionId;
    final MilvusStandIn milvus;

    Cluster(String clusterId, String projectId, String regionId, MilvusStandIn milvus) {
      this.clusterId = clusterId;
      this.projectId = projectId;
      this.regionId = regionId;
      this.milvus = milvus;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ZillizRouter router;
  private final VolumeEndpoints volumes;
  private final CloudJobEndpoints jobs;
  private final Map<String, Cluster> clusters;
  private final LocalS3 s3;
  private final String volumeBucket;
  private final String[] urlCredentials;

  private ZillizStandIn(Builder b) throws IOException {
    this.s3 = Objects.requireNonNull(b.s3, "s3");
    this.volumeBucket = b.volumeBucket;
    this.clusters = new LinkedHashMap<>(b.clusters);
    this.urlCredentials = b.urlCredentials;
    this.router = new ZillizRouter(Set.copyOf(b.apiKeys), b.ratePerSecond);
    VolumeCredentialIssuer issuer =
        b.issuer != null
            ? b.issuer
            : new SimpleCredentialIssuer(s3.endpoint(), volumeBucket, Duration.ofHours(1));
    this.volumes = new VolumeEndpoints(b.regionsByProject, b.maxVolumes, issuer);
    volumes.registerAll(router);
    this.jobs = new CloudJobEndpoints(this, b.stepDelay);
    jobs.registerAll(router, b.describeRoute);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "zilliz-stand-in-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
    LOG.info("{} listening on {}", ZillizRouter.TAG, uri());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}: give it as option {@code cloudEndpoint}. */
  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far as {@code "METHOD /path"}, in order (faulted and refused ones too). */
  public List<String> requests() {
    return router.receivedPaths();
  }

  /** Every {@code Authorization} header received (to check the key went out as Bearer). */
  public List<String> authorizations() {
    return new ArrayList<>(router.authorizations);
  }

  /** Every {@code jobs/import/create} body received, in order. */
  public List<JsonNode> importRequests() {
    return new ArrayList<>(jobs.creates);
  }

  /** Requests answered HTTP 429 by the rate limit. */
  public int rateLimitedRequests() {
    return router.rateLimited.get();
  }

  /** Names of the volumes (and stages) that exist, sorted. */
  public Set<String> volumeNames() {
    return new TreeSet<>(volumes.volumes.keySet());
  }

  /** The object key prefix of a volume's files in {@link #volumeBucket()}. */
  public String volumePrefix(String volume) {
    return volumes.get(volume).prefix;
  }

  /** The test S3 bucket holding managed volumes' files. */
  public String volumeBucket() {
    return volumeBucket;
  }

  /**
   * Answers the next {@code times} requests whose path starts so with a JSON error of that status.
   */
  public void fail(String pathPrefix, int httpStatus, int times) {
    router.fail(pathPrefix, httpStatus, null, 0, times);
  }

  /** Answers the next {@code times} requests whose path starts so with this status and body. */
  public void answer(String pathPrefix, int httpStatus, String body, int times) {
    router.fail(pathPrefix, httpStatus, body, 0, times);
  }

  /**
   * Holds the next {@code times} requests whose path starts so for {@code delay}, then serves them.
   */
  public void delay(String pathPrefix, Duration delay, int times) {
    router.fail(pathPrefix, 0, null, delay.toMillis(), times);
  }

  LocalS3 s3() {
    return s3;
  }

  VolumeEndpoints volumes() {
    return volumes;
  }

  Cluster cluster(String id) {
    return clusters.get(id);
  }

  Cluster clusterIn(String projectId, String regionId) {
    return clusters.values().stream()
        .filter(c -> c.projectId.equals(projectId) && c.regionId.equals(regionId))
        .findFirst()
        .orElse(null);
  }

  FileSource bucketSource(String bucket) {
    return FileSource.s3(s3.endpoint(), s3.accessKey(), s3.secretKey(), bucket);
  }

  boolean urlCredentialsMatch(String accessKey, String secretKey, String token) {
    return urlCredentials != null
        && urlCredentials[0].equals(accessKey)
        && urlCredentials[1].equals(secretKey)
        && Objects.equals(urlCredentials[2], token);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    jobs.close();
    LOG.info("{} stopped", ZillizRouter.TAG);
  }

  /** What the stand-in knows: keys, projects and regions, clusters, storage, limits. */
  public static final class Builder {
    private final Set<String> apiKeys = new HashSet<>();
    private final Map<String, Set<String>> regionsByProject = new LinkedHashMap<>();
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private LocalS3 s3;
    private String volumeBucket;
    private VolumeCredentialIssuer issuer;
    private int ratePerSecond = 20;
    private int maxVolumes = 100;
    private Duration stepDelay = Duration.ofMillis(50);
    private boolean describeRoute = true;
    private String[] urlCredentials;

    private Builder() {}

    /** An API key it accepts (Bearer). */
    public Builder apiKey(String key) {
      apiKeys.add(key);
      return this;
    }

    /** A project and the regions it may make volumes in. */
    public Builder project(String projectId, String... regions) {
      regionsByProject.computeIfAbsent(projectId, p -> new HashSet<>()).addAll(List.of(regions));
      return this;
    }

    /** A cluster of the project in the region, serving the Milvus stand-in's collections. */
    public Builder cluster(String clusterId, String projectId, String regionId, MilvusStandIn m) {
      project(projectId, regionId);
      clusters.put(clusterId, new Cluster(clusterId, projectId, regionId, m));
      return this;
    }

    /** The test S3 and the bucket (created here) that holds managed volumes' files. */
    public Builder storage(LocalS3 s3, String volumeBucket) {
      this.s3 = s3;
      this.volumeBucket = volumeBucket;
      s3.createBucket(volumeBucket);
      return this;
    }

    /**
     * Volumes behind an HTTPS S3 front: their files in {@code front}'s bucket, {@code apply}
     * answered with its short-lived credentials (so uploads go through it as to Zilliz's store).
     */
    public Builder volumeFront(VolumeObjectStore front) {
      return storage(front.s3(), front.bucket()).credentialIssuer(front);
    }

    /** Who answers {@code apply} (default: {@link SimpleCredentialIssuer}, one hour). */
    public Builder credentialIssuer(VolumeCredentialIssuer issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Requests per second per endpoint before HTTP 429 (Zilliz: 20). */
    public Builder rateLimit(int perSecond) {
      this.ratePerSecond = perSecond;
      return this;
    }

    /** Managed volumes per organisation (Zilliz: 100). */
    public Builder maxVolumes(int n) {
      this.maxVolumes = n;
      return this;
    }

    /** Time per import job step (Pending -> Importing -> Completed/Failed). */
    public Builder stepDelay(Duration d) {
      this.stepDelay = d;
      return this;
    }

    /** Answer HTTP 404 on {@code jobs/import/describe} (only {@code getProgress} serves). */
    public Builder withoutDescribeRoute() {
      this.describeRoute = false;
      return this;
    }

    /** The credentials that can read object URLs ({@code token} null: none needed). */
    public Builder urlCredentials(String accessKey, String secretKey, String token) {
      this.urlCredentials = new String[] {accessKey, secretKey, token};
      return this;
    }

    public ZillizStandIn start() {
      try {
        return new ZillizStandIn(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Zilliz stand-in", e);
      }
    }
  }
}
