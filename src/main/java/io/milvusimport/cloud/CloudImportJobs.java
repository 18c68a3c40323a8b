package io.milvusimport.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.milvus.MilvusImportJobs;
import io.milvusimport.milvus.MilvusTransportException;
import io.milvusimport.milvus.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import jobs on Zilliz Cloud's control plane ({@code /v2/vectordb/jobs/import/*}), behind the same
 * {@link ImportJobsApi} the commit uses for Milvus. Jobs go to option {@code clusterId} (else
 * {@code projectId} + {@code regionId}) and read from a volume or from object URLs ({@link
 * CloudImportSource}). The control plane takes no idempotency key, so a create whose answer was
 * lost is repeated only after {@code findExisting} found no job. Progress is {@code /describe}
 * (what the SDKs call); a control plane answering HTTP 404 there is asked {@code /getProgress}
 * instead (both documented; which one serves is unconfirmed). Two-phase import is not known to
 * exist on Zilliz Cloud: {@link #supportsTwoPhaseImport} is false.
 */
public final class CloudImportJobs implements ImportJobsApi {
  private static final Logger LOG = LoggerFactory.getLogger(CloudImportJobs.class);
  static final String JOBS = "/v2/vectordb/jobs/import/";
  static final int PAGE_SIZE = 100;

  private final ZillizCloudClient client;
  private final String database;
  private final String collection;
  private final CloudImportSource source;
  private final RetryPolicy retry;
  private volatile String progressEndpoint = "describe";

  /**
   * @param database the collection's database, or null to send none (Serverless clusters have only
   *     the default one)
   * @param collection the target collection; null only for {@link #list} of every collection
   */
  public CloudImportJobs(
      ZillizCloudClient client, String database, String collection, CloudImportSource source) {
    this.client = client;
    this.database = database;
    this.collection = collection;
    this.source = source;
    this.retry = client.connection().calls().retryPolicy();
    target(client.body()); // fails early without clusterId / projectId + regionId
  }

  /**
   * Asks the control plane for one page of the target cluster's import jobs, a read that changes
   * nothing: a wrong API key or an unknown cluster fails here, before a write stages a file.
   */
  public static void checkTarget(ZillizCloudClient client) {
    ObjectNode body = target(client, client.body()).put("pageSize", 1).put("currentPage", 1);
    client.post(JOBS + "list", body, true);
  }

  private ObjectNode target(ObjectNode body) {
    return target(client, body);
  }

  private static ObjectNode target(ZillizCloudClient client, ObjectNode body) {
    CloudConnection c = client.connection();
    if (c.clusterId() != null) {
      return body.put("clusterId", c.clusterId());
    }
    if (c.projectId() != null && c.regionId() != null) {
      return body.put("projectId", c.projectId()).put("regionId", c.regionId());
    }
    throw new InvalidOptionException(
        "Option '"
            + CloudKeys.CLUSTER_ID
            + "' is required for an import into Zilliz Cloud (command line: --cluster-id), or"
            + " options '"
            + CloudKeys.PROJECT_ID
            + "' and '"
            + CloudKeys.REGION_ID
            + "' together.");
  }

  @Override
  public String create(
      List<List<String>> files,
      String partition,
      Map<String, String> options,
      String idempotencyKey,
      boolean mayAlreadyExist,
      Supplier<String> findExisting) {
    ObjectNode body = target(client.body());
    if (database != null) {
      body.put("dbName", database);
    }
    body.put("collectionName", requireCollection());
    if (partition != null) {
      body.put("partitionName", partition);
    }
    ArrayNode outer;
    if (source.fromVolume()) {
      body.put(client.connection().api().nameField(), source.volumeName());
      outer = body.putArray("dataPaths");
    } else {
      outer = body.putArray("objectUrls");
      body.put("accessKey", source.accessKey()).put("secretKey", source.secretKey());
      if (source.token() != null) {
        body.put("token", source.token());
      }
    }
    for (List<String> file : files) {
      ArrayNode inner = outer.addArray();
      file.forEach(inner::add);
    }
    if (!options.isEmpty()) {
      ObjectNode opts = body.putObject("options");
      options.forEach(opts::put);
    }
    return retry.createOnce(
        "cloud import create",
        mayAlreadyExist,
        findExisting,
        () -> {
          JsonNode data = client.post(JOBS + "create", body, false);
          String jobId = data.path("jobId").asText("");
          if (jobId.isEmpty()) {
            throw MilvusTransportException.of(
                "Zilliz Cloud accepted the import request but returned no jobId", 200, null);
          }
          LOG.info(
              "Zilliz Cloud import job {} created ({} file(s) from {})",
              jobId,
              files.size(),
              source);
          return jobId;
        });
  }

  @Override
  public ImportJobStatus describe(String jobId) {
    ObjectNode body = target(client.body()).put("jobId", jobId);
    String endpoint = progressEndpoint;
    try {
      return ImportJobStatus.parse(jobId, client.post(JOBS + endpoint, body, true));
    } catch (MilvusTransportException | ZillizCloudException e) {
      if (!"describe".equals(endpoint) || status(e) != 404) {
        throw e;
      }
    }
    LOG.info("Zilliz Cloud answered HTTP 404 on {}describe: asking getProgress", JOBS);
    progressEndpoint = "getProgress";
    return ImportJobStatus.parse(jobId, client.post(JOBS + "getProgress", body, true));
  }

  private static int status(RuntimeException e) {
    return e instanceof ZillizCloudException
        ? ((ZillizCloudException) e).httpStatus()
        : ((MilvusTransportException) e).httpStatus();
  }

  /** The cluster's import jobs (every page), only the target collection's when one is set. */
  @Override
  public List<ImportJobStatus> list() {
    List<ImportJobStatus> out = new ArrayList<>();
    listed().forEach(j -> out.add(j.status()));
    return out;
  }

  /** As {@link #list}, each job with its collection (for listings across collections). */
  public List<Listed> listed() {
    List<Listed> out = new ArrayList<>();
    int seen = 0;
    for (int page = 1; ; page++) {
      ObjectNode body = target(client.body()).put("pageSize", PAGE_SIZE).put("currentPage", page);
      JsonNode data = client.post(JOBS + "list", body, true);
      JsonNode records = data.path("records");
      for (JsonNode record : records) {
        seen++;
        String name = record.path("collectionName").asText("");
        if (collection == null || collection.equals(name)) {
          out.add(new Listed(name, ImportJobStatus.parse(record.path("jobId").asText(""), record)));
        }
      }
      if (records.size() == 0 || seen >= data.path("count").asLong(seen)) {
        return out;
      }
    }
  }

  /** One record of the job list: the collection and what the record says of the job. */
  public static final class Listed {
    private final String collection;
    private final ImportJobStatus status;

    Listed(String collection, ImportJobStatus status) {
      this.collection = collection;
      this.status = status;
    }

    public String collection() {
      return collection;
    }

    public ImportJobStatus status() {
      return status;
    }
  }

  @Override
  public void commit(String jobId) {
    throw twoPhaseUnknown(jobId);
  }

  @Override
  public void abort(String jobId) {
    throw twoPhaseUnknown(jobId);
  }

  private static MilvusImportException twoPhaseUnknown(String jobId) {
    return new MilvusImportException(
        "Two-phase import (commit / abort of import job "
            + jobId
            + ") is not known to exist on Zilliz Cloud's control plane: cloud imports become"
            + " visible when they complete.");
  }

  @Override
  public String serviceName() {
    return "Zilliz Cloud";
  }

  @Override
  public boolean supportsTwoPhaseImport() {
    return false;
  }

  /**
   * Zilliz documents at most 10,000 pending or running import jobs per collection but not the
   * refusal's text; a cluster is Milvus underneath, so Milvus's own job-limit text is matched and
   * nothing else (unconfirmed).
   */
  @Override
  public boolean isJobLimit(MilvusServerException e) {
    return MilvusImportJobs.isMilvusJobLimit(e)
        || e.serverMessage().contains("The number of jobs has reached the limit");
  }

  @Override
  public boolean isJobNotFound(MilvusServerException e) {
    String m = e.serverMessage().toLowerCase(Locale.ROOT);
    return m.contains("job") && (m.contains("not exist") || m.contains("not found"));
  }

  private String requireCollection() {
    if (collection == null) {
      throw new InvalidOptionException("An import needs the target collection (--collection).");
    }
    return collection;
  }

  @Override
  public String toString() {
    return "CloudImportJobs{"
        + client.connection()
        + ", collection="
        + collection
        + ", "
        + source
        + "}";
  }
}
