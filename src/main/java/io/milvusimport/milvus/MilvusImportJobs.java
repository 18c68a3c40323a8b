package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.MilvusServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Milvus's import-job API (contract §3): create, describe, list, and the 3.0 two-phase commit and
 * abort. Every call goes through the {@link RetryPolicy}; a create is safe to repeat because it
 * carries an {@code Idempotency-Key}.
 */
public final class MilvusImportJobs implements ImportJobsApi {
  /** Milvus's "import system failure" code: job limit reached, or job not found. */
  public static final int IMPORT_SYS_FAILED = 2101;

  private final MilvusRestClient client;
  private final String database;
  private final String collection;
  private final RetryPolicy retry;

  public MilvusImportJobs(
      MilvusRestClient client, String database, String collection, RetryPolicy retry) {
    this.client = client;
    this.database = database;
    this.collection = collection;
    this.retry = retry;
  }

  public MilvusImportJobs(MilvusRestClient client, String database, String collection) {
    this(client, database, collection, RetryPolicy.none());
  }

  /**
   * Creates one import job. A {@code code 0} answer only means Milvus accepted the request; the
   * job's outcome must be polled.
   *
   * @param files one inner list per import file (one path for JSON)
   * @param partition the partition, or null for the default
   * @param idempotencyKey sent as the {@code Idempotency-Key} header, or null for none
   * @return the job id
   */
  public String create(
      List<List<String>> files,
      String partition,
      Map<String, String> options,
      String idempotencyKey) {
    return create(files, partition, options, idempotencyKey, false, () -> null);
  }

  /**
   * Creates one import job, asking {@code findExisting} before every re-sent request (and before
   * the first one when {@code mayAlreadyExist}) whether an earlier request already made the job:
   * servers before 2.6.24 / 3.0.2 ignore the {@code Idempotency-Key}, so a create whose answer was
   * lost must not be sent again blindly.
   *
   * @param findExisting the id of the job an earlier request made, or null when there is none
   * @return the job id, created or found
   */
  @Override
  public String create(
      List<List<String>> files,
      String partition,
      Map<String, String> options,
      String idempotencyKey,
      boolean mayAlreadyExist,
      Supplier<String> findExisting) {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    if (partition != null) {
      body.put("partitionName", partition);
    }
    ArrayNode outer = body.putArray("files");
    for (List<String> file : files) {
      ArrayNode inner = outer.addArray();
      file.forEach(inner::add);
    }
    ObjectNode opts = body.putObject("options");
    options.forEach(opts::put);
    Map<String, String> headers =
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    return retry.createOnce(
        "import create",
        mayAlreadyExist,
        findExisting,
        () -> {
          JsonNode data = client.post("jobs/import/create", body, headers);
          String jobId = data.path("jobId").asText("");
          if (jobId.isEmpty()) {
            throw new MilvusTransportException(
                "Milvus accepted the import request but returned no jobId: " + data, 200, null);
          }
          return jobId;
        });
  }

  public String create(List<List<String>> files, String partition, Map<String, String> options) {
    return create(files, partition, options, null);
  }

  @Override
  public ImportJobStatus describe(String jobId) {
    ObjectNode body = client.body().put("dbName", database).put("jobId", jobId);
    return ImportJobStatus.parse(
        jobId,
        retry.call(
            "describe of import job " + jobId, () -> client.post("jobs/import/describe", body)));
  }

  /** The collection's import jobs Milvus still remembers ({@code /jobs/import/list}). */
  @Override
  public List<ImportJobStatus> list() {
    ObjectNode body = client.body().put("dbName", database).put("collectionName", collection);
    JsonNode data = retry.call("import job list", () -> client.post("jobs/import/list", body));
    List<ImportJobStatus> out = new ArrayList<>();
    for (JsonNode record : data.path("records")) {
      out.add(ImportJobStatus.parse(record.path("jobId").asText(""), record));
    }
    return out;
  }

  /** Makes an Uncommitted job's rows visible (3.0, {@code auto_commit=false}). */
  @Override
  public void commit(String jobId) {
    ObjectNode body = client.body().put("dbName", database).put("jobId", jobId);
    retry.call("commit of import job " + jobId, () -> client.post("jobs/import/commit", body));
  }

  /** Drops a not yet committed job's rows (3.0, {@code auto_commit=false}). */
  @Override
  public void abort(String jobId) {
    ObjectNode body = client.body().put("dbName", database).put("jobId", jobId);
    retry.call("abort of import job " + jobId, () -> client.post("jobs/import/abort", body));
  }

  /**
   * True when the server has the two-phase endpoints (Milvus 3.0+). Asks {@code
   * /jobs/import/commit} about job 0, which cannot exist: a server with the endpoint answers with a
   * Milvus error code, one without it answers HTTP 404 (its router has no such route).
   */
  @Override
  public boolean supportsTwoPhaseImport() {
    ObjectNode body = client.body().put("dbName", database).put("jobId", "0");
    return RouteProbe.exists(
        () -> retry.call("two-phase import probe", () -> client.post("jobs/import/commit", body)));
  }

  @Override
  public boolean isJobLimit(MilvusServerException e) {
    return isMilvusJobLimit(e);
  }

  @Override
  public boolean isJobNotFound(MilvusServerException e) {
    return isMilvusJobNotFound(e);
  }

  /** True for Milvus's job-limit refusal (2101 "... reached the limit ..."), which heals. */
  public static boolean isMilvusJobLimit(MilvusServerException e) {
    return e.code() == IMPORT_SYS_FAILED && e.serverMessage().contains("reached the limit");
  }

  /**
   * True for "import job does not exist": Milvus forgot the job (taskRetention) or never had it.
   */
  public static boolean isMilvusJobNotFound(MilvusServerException e) {
    return e.code() == IMPORT_SYS_FAILED && e.serverMessage().contains("does not exist");
  }
}
