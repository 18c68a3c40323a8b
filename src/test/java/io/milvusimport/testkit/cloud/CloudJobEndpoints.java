package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.cloud.ZillizRouter.Refusal;
import io.milvusimport.testkit.cloud.ZillizRouter.Request;
import io.milvusimport.testkit.standin.FileSource;
import io.milvusimport.testkit.standin.ImportFileRead;
import io.milvusimport.testkit.standin.MilvusStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v2/vectordb/jobs/import/*} of the control plane: a job into a cluster's collection (the
 * cluster is a {@link MilvusStandIn}) from a volume's data paths or from object URLs, moving
 * Pending -> Importing -> Completed/Failed one {@code stepDelay} per step. Files are read and
 * validated with the Milvus stand-in's readers ({@link MilvusStandIn#readImportFile}); a completed
 * job's rows become the collection's all at once, a failed one imports nothing and names the file.
 */
final class CloudJobEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CloudJobEndpoints.class);
  private static final String J = "/v2/vectordb/jobs/import/";
  private static final AtomicLong IDS = new AtomicLong(0x5eed0000L);
  static final int CLUSTER_NOT_FOUND = 96017;
  static final int REGION_MISMATCH = 96110;
  static final int JOB_NOT_FOUND = 96111;
  static final int INVALID_IMPORT = 96112;
  static final int COLLECTION_NOT_FOUND = 100;

  private final ZillizStandIn zilliz;
  private final Duration stepDelay;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<Job> order = new CopyOnWriteArrayList<>();
  final List<JsonNode> creates = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "zilliz-stand-in-jobs");
            t.setDaemon(true);
            return t;
          });

  /**
   * One entry of the request: what the details call it, and the import files it stands for (a
   * folder of NPY files is one column group; any other folder is each file on its own).
   */
  private static final class Part {
    final String name;
    final FileSource source;
    final List<List<String>> keys;
    final String failure;

    Part(String name, FileSource source, List<List<String>> keys, String failure) {
      this.name = name;
      this.source = source;
      this.keys = keys;
      this.failure = failure;
    }
  }

  private static final class Job {
    final String jobId = "job-" + Long.toHexString(IDS.incrementAndGet());
    final ZillizStandIn.Cluster cluster;
    final String db;
    final String collection;
    final String partition;
    final List<Part> parts;
    final List<ObjectNode> details = new ArrayList<>();
    String state = "Pending";
    int progress;
    long totalRows;
    long importedRows;
    String reason = "";

    Job(
        ZillizStandIn.Cluster cluster,
        String db,
        String collection,
        String partition,
        List<Part> parts) {
      this.cluster = cluster;
      this.db = db;
      this.collection = collection;
      this.partition = partition;
      this.parts = parts;
      for (Part p : parts) {
        details.add(
            ZillizRouter.JSON
                .createObjectNode()
                .put("fileName", p.name)
                .put("fileSize", 0)
                .put("state", "Pending")
                .put("progress", 0));
      }
    }

    synchronized ObjectNode describe() {
      ObjectNode d = ZillizRouter.JSON.createObjectNode();
      d.put("jobId", jobId).put("collectionName", collection).put("state", state);
      d.put("progress", progress).put("totalRows", totalRows).put("importedRows", importedRows);
      if (!reason.isEmpty()) {
        d.put("reason", reason);
      }
      ArrayNode arr = d.putArray("details");
      details.forEach(x -> arr.add(x.deepCopy()));
      return d;
    }
  }

  CloudJobEndpoints(ZillizStandIn zilliz, Duration stepDelay) {
    this.zilliz = zilliz;
    this.stepDelay = stepDelay;
  }

  void registerAll(ZillizRouter r, boolean describeRoute) {
    r.register("POST", J + "create", this::create);
    if (describeRoute) {
      r.register("POST", J + "describe", this::describe);
    }
    r.register("POST", J + "getProgress", this::describe);
    r.register("POST", J + "list", this::list);
  }

  private ZillizStandIn.Cluster cluster(Request req) {
    String id = req.text("clusterId");
    ZillizStandIn.Cluster c =
        id.isEmpty()
            ? zilliz.clusterIn(req.text("projectId"), req.text("regionId"))
            : zilliz.cluster(id);
    if (c == null) {
      throw new Refusal(CLUSTER_NOT_FOUND, "The specified cluster does not exist.");
    }
    return c;
  }

  private JsonNode create(Request req) {
    creates.add(req.body.deepCopy());
    ZillizStandIn.Cluster c = cluster(req);
    String collection = req.text("collectionName");
    String db = req.body.path("dbName").asText("default");
    if (!c.milvus.hasCollection(db, collection)) {
      throw new Refusal(
          COLLECTION_NOT_FOUND,
          "collection not found[database=" + db + "][collection=" + collection + "]");
    }
    String volumeName = req.body.has("volumeName") ? req.text("volumeName") : req.text("stageName");
    JsonNode dataPaths = req.body.path("dataPaths");
    JsonNode urls = req.body.path("objectUrls");
    List<Part> parts = new ArrayList<>();
    if (!volumeName.isEmpty() && dataPaths.size() > 0 && urls.size() == 0) {
      VolumeEndpoints.Vol v = zilliz.volumes().get(volumeName);
      if (!v.regionId.equals(c.regionId)) {
        throw new Refusal(
            REGION_MISMATCH,
            "volume "
                + v.name
                + " is in region "
                + v.regionId
                + " but cluster "
                + c.clusterId
                + " is in region "
                + c.regionId);
      }
      FileSource source = zilliz.bucketSource(zilliz.volumeBucket());
      for (JsonNode file : dataPaths) {
        String path = file.path(0).asText("");
        parts.add(part(path, source, zilliz.volumeBucket(), v.prefix + path, null));
      }
    } else if (volumeName.isEmpty() && urls.size() > 0 && dataPaths.size() == 0) {
      boolean allowed =
          zilliz.urlCredentialsMatch(
              req.text("accessKey"), req.text("secretKey"), req.body.path("token").asText(null));
      for (JsonNode file : urls) {
        String url = file.path(0).asText("");
        if (!url.matches("s3://[^/]+/.+")) {
          throw new Refusal(
              INVALID_IMPORT, "invalid object url " + url + " (stand-in: s3:// only)");
        }
        String bucket = url.substring(5, url.indexOf('/', 5));
        String key = url.substring(url.indexOf('/', 5) + 1);
        String denied =
            allowed
                ? null
                : "AccessDenied: Access Denied, the credentials given cannot read " + url;
        parts.add(part(url, zilliz.bucketSource(bucket), bucket, key, denied));
      }
    } else {
      throw new Refusal(
          INVALID_IMPORT,
          "give either volumeName with dataPaths or objectUrls with accessKey and secretKey");
    }
    if (parts.size() > 1000) {
      throw new Refusal(INVALID_IMPORT, "at most 1000 files per import, got " + parts.size());
    }
    String partition = req.body.path("partitionName").asText("_default");
    Job job = new Job(c, db, collection, partition, parts);
    jobs.put(job.jobId, job);
    order.add(job);
    LOG.info(
        "{} import job {} created: Pending ({} file(s) -> {})",
        ZillizRouter.TAG,
        job.jobId,
        parts.size(),
        collection);
    scheduler.schedule(() -> run(job), stepDelay.toMillis(), TimeUnit.MILLISECONDS);
    return ZillizRouter.JSON.createObjectNode().put("jobId", job.jobId);
  }

  /** A data path or URL; a folder ({@code /} at the end) is its files, one NPY group or each. */
  private Part part(String name, FileSource source, String bucket, String key, String failure) {
    if (!key.endsWith("/") || failure != null) {
      return new Part(name, source, List.of(List.of(key)), failure);
    }
    List<String> keys = zilliz.s3().listKeys(bucket, key);
    List<List<String>> files = new ArrayList<>();
    if (!keys.isEmpty() && keys.stream().allMatch(k -> k.endsWith(".npy"))) {
      files.add(keys);
    } else {
      keys.forEach(k -> files.add(List.of(k)));
    }
    return new Part(name, source, files, keys.isEmpty() ? "no file found under " + name : null);
  }

  private void run(Job job) {
    synchronized (job) {
      job.state = "Importing";
      job.progress = 10;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    String failure = null;
    for (int i = 0; i < job.parts.size() && failure == null; i++) {
      Part p = job.parts.get(i);
      String reason = p.failure;
      long size = 0;
      long partRows = 0;
      for (int f = 0; reason == null && f < p.keys.size(); f++) {
        ImportFileRead read =
            job.cluster.milvus.readImportFile(job.db, job.collection, p.keys.get(f), p.source);
        reason = read.failure;
        size += read.size;
        partRows += read.rows.size();
        rows.addAll(read.rows);
      }
      synchronized (job) {
        job.details.get(i).put("fileSize", size).put("totalRows", partRows);
      }
      synchronized (job) {
        ObjectNode d = job.details.get(i);
        d.put("state", reason == null ? "Completed" : "Failed").put("progress", 100);
        if (reason != null) {
          d.put("reason", reason);
          failure = "failed to import file " + p.name + ": " + reason;
        }
        job.progress = 10 + 80 * (i + 1) / job.parts.size();
      }
    }
    String reason = failure;
    scheduler.schedule(
        () -> finish(job, rows, reason), stepDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish(Job job, List<Map<String, Object>> rows, String reason) {
    synchronized (job) {
      if (reason == null) {
        job.cluster.milvus.addImportedRows(job.db, job.collection, job.partition, rows);
        job.state = "Completed";
        job.progress = 100;
        job.totalRows = rows.size();
        job.importedRows = rows.size();
      } else {
        job.state = "Failed";
        job.reason = reason;
      }
    }
    LOG.info("{} import job {} -> {}", ZillizRouter.TAG, job.jobId, job.state);
  }

  private JsonNode describe(Request req) {
    cluster(req);
    Job job = jobs.get(req.text("jobId"));
    if (job == null) {
      throw new Refusal(JOB_NOT_FOUND, "import job " + req.text("jobId") + " not found");
    }
    return job.describe();
  }

  private JsonNode list(Request req) {
    ZillizStandIn.Cluster c = cluster(req);
    int size = req.body.path("pageSize").asInt(10);
    int page = req.body.path("currentPage").asInt(1);
    List<Job> mine = new ArrayList<>();
    order.stream().filter(j -> j.cluster == c).forEach(mine::add);
    ObjectNode data = ZillizRouter.JSON.createObjectNode();
    data.put("count", mine.size()).put("currentPage", page).put("pageSize", size);
    ArrayNode records = data.putArray("records");
    int from = Math.min(mine.size(), (page - 1) * size);
    for (Job j : mine.subList(from, Math.min(mine.size(), from + size))) {
      synchronized (j) {
        ObjectNode r = records.addObject();
        r.put("collectionName", j.collection).put("jobId", j.jobId).put("state", j.state);
        r.put("progress", j.progress);
        if (!j.reason.isEmpty()) {
          r.put("reason", j.reason);
        }
      }
    }
    return data;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
