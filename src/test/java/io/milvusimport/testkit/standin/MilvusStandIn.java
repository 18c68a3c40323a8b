package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in, not Milvus: a small HTTP server on 127.0.0.1 that answers Milvus's REST v2
 * collection, partition and bulk-import endpoints the way Milvus does (codes, texts, job states),
 * so the connector can be tested without a Milvus cluster. It reads import files itself (from its
 * S3 bucket through the AWS SDK, or from local paths) and validates them with its own strict
 * reader. Every answer carries the header {@code X-Stand-In: not Milvus}; every log line starts
 * with {@code [milvus stand-in, not Milvus]}. Error texts are from Milvus 2.4-2.6 / master sources
 * (see {@link MilvusErrors}, {@link RowParser}, {@link ValueParser}).
 */
public final class MilvusStandIn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MilvusStandIn.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final CollectionStore store = new CollectionStore();
  private final ImportJobs jobs;
  private final ImportEndpoints imports;
  private final FaultPlan faults = new FaultPlan();
  private final SnapshotEndpoints snapshots;
  private final RestRouter router;
  private final RestoreJobs restores;
  private final String serverVersion;
  private final boolean tls;
  private final AtomicInteger tlsConnections = new AtomicInteger();
  private final ImportFileReaders.Settings readerSettings;
  private final long maxFileSizeBytes;

  private MilvusStandIn(Builder b) throws IOException {
    this.jobs = new ImportJobs(b.source, b.readers, b.maxFileSizeBytes, b.stepDelay);
    this.readerSettings = b.readers;
    this.maxFileSizeBytes = b.maxFileSizeBytes;
    RestRouter router = new RestRouter(b.token, faults);
    new CollectionEndpoints(store).registerAll(router);
    new AliasEndpoints(store).registerAll(router);
    new DatabaseEndpoints(store).registerAll(router);
    this.router = router;
    this.serverVersion = b.serverVersion;
    boolean v3 = b.serverVersion.startsWith("3.");
    this.imports =
        new ImportEndpoints(
            store,
            jobs,
            faults,
            b.maxFilesPerRequest,
            b.maxUnfinishedJobs,
            b.readers.seedDesign,
            v3,
            !b.ignoreIdempotencyKey);
    imports.registerAll(router);
    this.snapshots = new SnapshotEndpoints(store);
    this.restores = new RestoreJobs(store, snapshots, b.stepDelay, b.restoreJobRetention);
    if (v3) {
      // 3.0.0 speaks snapshots over gRPC only; REST has just the restore-job routes until 3.0.1.
      restores.registerJobRoutes(router);
      if (!b.serverVersion.equals("3.0.0")) {
        snapshots.registerAll(router);
        restores.registerRestore(router);
      }
    }
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    this.tls = b.tlsContext != null;
    if (tls) {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(configurator(b.tlsContext, b.requireClientCertificate));
      this.server = https;
    } else {
      this.server = HttpServer.create(loopback, 0);
    }
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "milvus-stand-in-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
    LOG.info("{} (as Milvus {}) listening on {}", RestRouter.TAG, serverVersion, uri());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Milvus's {@code tls.*}: one-way TLS, or mutual TLS ({@code tlsMode: 2}) when required. */
  private HttpsConfigurator configurator(SSLContext context, boolean requireClientCertificate) {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        tlsConnections.incrementAndGet();
        SSLParameters ssl = context.getDefaultSSLParameters();
        ssl.setNeedClientAuth(requireClientCertificate);
        params.setSSLParameters(ssl);
      }
    };
  }

  /** {@code http://127.0.0.1:PORT}, or {@code https://} for a TLS stand-in. */
  public String uri() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** TLS connections accepted so far (each begins with a handshake). */
  public int tlsConnections() {
    return tlsConnections.get();
  }

  /** Creates a collection from the same body as {@code POST /v2/vectordb/collections/create}. */
  public void createCollection(String db, String createBodyJson) {
    try {
      JsonNode body = RestRouter.JSON.readTree(createBodyJson);
      store.create(db, body.path("collectionName").asText(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The databases, as {@code databases/list} answers. */
  public List<String> databaseNames() {
    return store.databaseNames();
  }

  /** Creates {@code alias} for {@code collection}, as {@code POST /v2/vectordb/aliases/create}. */
  public void createAlias(String db, String alias, String collection) {
    store.createAlias(db, alias, collection);
  }

  /** The collection {@code alias} points at, as {@code aliases/describe} answers. */
  public String aliasTarget(String db, String alias) {
    return store.describeAlias(db, alias);
  }

  /**
   * The path of every request received so far, in order (e.g. {@code
   * /v2/vectordb/snapshots/create}), including faulted ones.
   */
  public List<String> requestPaths() {
    synchronized (router.received) {
      return new ArrayList<>(router.received);
    }
  }

  /** Rows of all Completed jobs into the collection (or alias), all partitions. */
  public List<Map<String, Object>> rows(String db, String collection) {
    return store.get(db, collection).rows(null);
  }

  /** Rows of Completed jobs in one partition. */
  public List<Map<String, Object>> rows(String db, String collection, String partition) {
    return store.get(db, collection).rows(partition);
  }

  /** Every {@code jobs/import/create} body received, in order. */
  public List<JsonNode> importRequests() {
    return new ArrayList<>(imports.requests);
  }

  /** The describe answer's {@code data} for a collection (as REST would send it). */
  public ObjectNode describeCollection(String db, String collection) {
    return CollectionEndpoints.describe(store.get(db, collection));
  }

  /** Rows a snapshot holds, or null when there is no such snapshot. */
  public List<Map<String, Object>> snapshotRows(String db, String collection, String name) {
    SnapshotEndpoints.Snapshot s = snapshots.get(db, collection, name);
    return s == null ? null : s.rows();
  }

  /** The next snapshot restore fails while copying, with {@code reason}; its target is dropped. */
  public void failNextRestore(String reason) {
    restores.failNext(reason);
  }

  /**
   * Time each of a restore's four segment copies takes, for restores started from now on (default:
   * the builder's {@code stepDelay}).
   */
  public void restoreStepDelay(Duration delay) {
    restores.stepDelay(delay);
  }

  /** Whether the collection exists. */
  /** Every {@code collections/create} body received, in order. */
  public List<JsonNode> collectionCreateRequests() {
    synchronized (store.createRequests) {
      return new ArrayList<>(store.createRequests);
    }
  }

  /** The database's collection names (not aliases), sorted. */
  public List<String> collectionNames(String db) {
    return store.names(db);
  }

  public boolean hasCollection(String db, String collection) {
    return store.find(db, collection) != null;
  }

  /** Names of the collection's snapshots, sorted. */
  public List<String> snapshotNames(String db, String collection) {
    return snapshots.names(db, collection);
  }

  /** The most import jobs that were unfinished at once (Uncommitted ones count). */
  public long peakUnfinishedJobs() {
    return jobs.peakUnfinished();
  }

  /**
   * Aborts that took effect (3.0), as {@code "jobId:state before the abort"}, in order: tells a job
   * aborted while still reading ({@code Pending}/{@code Importing}) from one that had been waiting
   * {@code Uncommitted}.
   */
  public List<String> abortedJobs() {
    return new ArrayList<>(imports.twoPhase.aborted);
  }

  /** Import jobs created so far (all collections). */
  public int jobCount() {
    return jobs.list().size();
  }

  /**
   * For the Zilliz control-plane stand-in: reads one import file from {@code source} with this
   * stand-in's readers, against the collection's schema, as its own import jobs do.
   */
  public ImportFileRead readImportFile(
      String db, String collection, List<String> paths, FileSource source) {
    return ImportFileRead.read(
        new ImportFileReaders(source, readerSettings),
        source,
        maxFileSizeBytes,
        store.get(db, collection),
        paths);
  }

  /** For the Zilliz control-plane stand-in: a completed cloud import's rows become visible. */
  public void addImportedRows(
      String db, String collection, String partition, List<Map<String, Object>> rows) {
    store.get(db, collection).addRows(partition == null ? "_default" : partition, rows);
  }

  public FaultPlan faults() {
    return faults;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    jobs.close();
    restores.close();
    LOG.info("{} stopped", RestRouter.TAG);
  }

  /** Settings of the stand-in; names follow Milvus's configuration keys. */
  public static final class Builder {
    private String token = "root:Milvus";
    private FileSource source = FileSource.local();
    private int maxFilesPerRequest = 1024;
    private long maxFileSizeBytes = 16L << 30;
    private int maxUnfinishedJobs = 1024;
    private Duration stepDelay = Duration.ofMillis(50);
    private final ImportFileReaders.Settings readers = new ImportFileReaders.Settings();
    private String serverVersion = "2.6.24";
    private boolean ignoreIdempotencyKey;
    private SSLContext tlsContext;
    private boolean requireClientCertificate;
    private Duration restoreJobRetention = Duration.ofHours(3);

    private Builder() {}

    /**
     * Serve https with this context (its key is the server certificate), as Milvus with {@code
     * tls.serverPemPath}; {@code requireClientCertificate} makes it mutual TLS ({@code tlsMode: 2},
     * client certificates checked against the context's trust).
     */
    public Builder tls(SSLContext context, boolean requireClientCertificate) {
      this.tlsContext = context;
      this.requireClientCertificate = requireClientCertificate;
      return this;
    }

    /**
     * The Milvus version to behave as. {@code 3.x}: two-phase import ({@code auto_commit=false},
     * {@code /jobs/import/commit|abort}) and the restore-job routes ({@code /jobs/snapshot/*});
     * {@code 3.0.1} and later also {@code /snapshots/*} (on {@code 3.0.0} those answer HTTP 404);
     * {@code 2.x} (default 2.6.24): none of these, the routes answer HTTP 404 and {@code
     * auto_commit} is ignored.
     */
    public Builder serverVersion(String version) {
      this.serverVersion = version;
      return this;
    }

    /** How long finished restore jobs are remembered (Milvus: 3 h). */
    public Builder restoreJobRetention(Duration retention) {
      this.restoreJobRetention = retention;
      return this;
    }

    /** Ignore the {@code Idempotency-Key} header, as servers before 2.6.24 / 3.0.2 do. */
    public Builder ignoreIdempotencyKey() {
      this.ignoreIdempotencyKey = true;
      return this;
    }

    /** The bearer token accepted ({@code user:password} or API key). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Import paths are object keys in {@code bucket} of this S3 endpoint. */
    public Builder s3(String endpoint, String accessKey, String secretKey, String bucket) {
      this.source = FileSource.s3(endpoint, accessKey, secretKey, bucket);
      return this;
    }

    /** Import paths are local file paths. */
    public Builder localStorage() {
      this.source = FileSource.local();
      return this;
    }

    /** {@code dataCoord.import.maxImportFileNumPerReq}. */
    public Builder maxFilesPerRequest(int n) {
      this.maxFilesPerRequest = n;
      return this;
    }

    /** {@code dataNode.import.maxImportFileSizeInGB}, in bytes. */
    public Builder maxFileSizeBytes(long bytes) {
      this.maxFileSizeBytes = bytes;
      return this;
    }

    /** {@code dataCoord.import.maxImportJobNum}. */
    public Builder maxUnfinishedJobs(int n) {
      this.maxUnfinishedJobs = n;
      return this;
    }

    /** Time per job state step (Pending -> Importing -> Completed/Failed). */
    public Builder stepDelay(Duration d) {
      this.stepDelay = d;
      return this;
    }

    /**
     * Not Milvus: also accept the Milvus 2.0/2.1 bulk-load design's column groups, one column-based
     * JSON file ({@code {"uid": [..], "year": [..]}}) plus {@code <field>.npy} files. Without it
     * such a group is refused at create, as current Milvus does ("inconsistency in file types").
     */
    public Builder seedDesignFormats() {
      readers.seedDesign = true;
      return this;
    }

    /**
     * Parquet columns named after no field are ignored (Milvus 2.6+). By default they fail the job,
     * as on Milvus 2.4/2.5.
     */
    public Builder parquetIgnoresExtraColumns() {
      readers.parquetIgnoresExtraColumns = true;
      return this;
    }

    public MilvusStandIn start() {
      try {
        return new MilvusStandIn(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Milvus stand-in", e);
      }
    }
  }
}
