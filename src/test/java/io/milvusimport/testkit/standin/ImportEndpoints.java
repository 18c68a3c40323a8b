package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusimport.testkit.standin.RestRouter.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code /v2/vectordb/jobs/import/*}. Create's checks follow Milvus's proxy ({@code task_import.go}
 * PreExecute, 2.4-2.6) and datacoord order: collection (100), partition-key collections refuse a
 * partition name (2100 "not allow to set partition name for collection with partition key"),
 * partition exists (200), empty request (1100 "import request is empty"), file count (2100 "The max
 * number of import files should not exceed N, but got M"), file types ({@code
 * importutilv2.GetFileType}: 2100 "unexpected file type, files=[...]"), unfinished-job limit (2101
 * "The number of jobs has reached the limit, please try again later. ...").
 */
final class ImportEndpoints {
  private static final String J = "/v2/vectordb/jobs/import/";
  private static final Set<String> KNOWN = Set.of(".json", ".npy", ".parquet", ".csv", ".jsonl");
  static final String JOB_LIMIT =
      "The number of jobs has reached the limit, please try again later. "
          + "If your request is set to only import a single file, "
          + "please consider importing multiple files in one request for better efficiency.";

  private final CollectionStore store;
  private final ImportJobs jobs;
  private final FaultPlan faults;
  private final int maxFiles;
  private final int maxUnfinished;
  private final boolean seedDesign;
  private final boolean twoPhaseServer;
  private final boolean honoursIdempotencyKey;
  private final Map<String, String> jobIdsByKey = new ConcurrentHashMap<>();
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  final TwoPhaseImports twoPhase;

  ImportEndpoints(
      CollectionStore store,
      ImportJobs jobs,
      FaultPlan faults,
      int maxFiles,
      int maxUnfinished,
      boolean seedDesign,
      boolean twoPhaseServer,
      boolean honoursIdempotencyKey) {
    this.store = store;
    this.jobs = jobs;
    this.faults = faults;
    this.maxFiles = maxFiles;
    this.maxUnfinished = maxUnfinished;
    this.seedDesign = seedDesign;
    this.twoPhaseServer = twoPhaseServer;
    this.honoursIdempotencyKey = honoursIdempotencyKey;
    this.twoPhase = new TwoPhaseImports(jobs);
  }

  void registerAll(RestRouter r) {
    r.register(J + "create", this::create);
    r.register(J + "describe", this::describe);
    r.register(J + "get_progress", this::describe);
    r.register(J + "list", this::list);
    if (twoPhaseServer) {
      r.register(J + "commit", req -> twoPhase.commit(kept(jobId(req))));
      r.register(J + "abort", req -> twoPhase.abort(kept(jobId(req))));
    }
  }

  /** The job, or null when it never existed or was forgotten (taskRetention). */
  private ImportJob kept(String jobId) {
    ImportJob job = jobs.find(jobId);
    return job == null || forgotten(job) ? null : job;
  }

  private boolean forgotten(ImportJob job) {
    return job.finished() && faults.forgetsFinishedJobs();
  }

  private JsonNode create(Request req) {
    requests.add(req.body.deepCopy());
    String name = req.required("collectionName", "ImportReq");
    List<List<String>> files = files(req.body.get("files"));
    Map<String, String> options = options(req.body.get("options"));
    CollectionSpec c = store.get(req.db, name);
    String partition = req.body.path("partitionName").asText("");
    if (c.hasPartitionKey()) {
      if (!partition.isEmpty()) {
        throw MilvusErrors.importFailed(
            "not allow to set partition name for collection with partition key");
      }
      partition = "_default";
    } else {
      partition = partition.isEmpty() ? "_default" : partition;
      if (!c.hasPartition(partition)) {
        throw MilvusErrors.partitionNotFound(partition);
      }
    }
    files.removeIf(List::isEmpty);
    if (files.isEmpty()) {
      throw MilvusErrors.parameterInvalid("import request is empty");
    }
    if (files.size() > maxFiles) {
      throw MilvusErrors.importFailed(
          "The max number of import files should not exceed "
              + maxFiles
              + ", but got "
              + files.size());
    }
    files.forEach(this::checkFileType);
    // Milvus admits a job (limit check) before it consults the idempotency index, so a retried
    // create of an existing job can still meet the job-limit error (milvus#52544 review).
    if (faults.takeJobLimitRejection() || jobs.unfinished() >= maxUnfinished) {
      throw MilvusErrors.importSysFailed(JOB_LIMIT);
    }
    ObjectNode data = RestRouter.JSON.createObjectNode();
    String key = honoursIdempotencyKey ? req.idempotencyKey : null;
    if (key != null) {
      // Keys are scoped to the collection; a key is kept while its job is (failed jobs too:
      // re-importing needs a new key).
      synchronized (jobIdsByKey) {
        String scoped = c.db + "/" + c.name + "/" + key;
        String existing = jobIdsByKey.get(scoped);
        if (existing != null && kept(existing) != null) {
          data.put("jobId", existing);
          return data;
        }
        ImportJob job = submit(c, partition, files, options);
        jobIdsByKey.put(scoped, job.jobId);
        data.put("jobId", job.jobId);
        return data;
      }
    }
    data.put("jobId", submit(c, partition, files, options).jobId);
    return data;
  }

  private ImportJob submit(
      CollectionSpec c, String partition, List<List<String>> files, Map<String, String> options) {
    // A 2.x server does not know auto_commit and imports as usual (the options map is free-form).
    boolean twoPhase = twoPhaseServer && "false".equalsIgnoreCase(options.get("auto_commit"));
    return jobs.submit(
        c,
        partition,
        files,
        options,
        faults.takeJobFailure(),
        faults.takePreImportFailure(),
        twoPhase);
  }

  /**
   * {@code importutilv2.GetFileType}, texts verified in milvus-io/milvus. In seed-design mode (not
   * Milvus) a group of one column-based {@code .json} and {@code .npy} files passes.
   */
  private void checkFileType(List<String> paths) {
    if (seedDesign && isSeedDesignGroup(paths)) {
      return;
    }
    String ext = ImportJobs.extension(paths.get(0));
    for (String p : paths) {
      if (!ImportJobs.extension(p).equals(ext)) {
        throw MilvusErrors.importFailed(
            "inconsistency in file types, (" + paths.get(0) + ") vs (" + p + ")");
      }
    }
    if (!KNOWN.contains(ext)) {
      throw MilvusErrors.importFailed(
          "unexpected file type, files=[" + String.join(" ", paths) + "]");
    }
    if (!".npy".equals(ext) && paths.size() != 1) {
      String kind =
          ".json".equals(ext)
              ? "JSON"
              : ".csv".equals(ext) ? "CSV" : ".jsonl".equals(ext) ? "JSONL" : "Parquet";
      throw MilvusErrors.importFailed("for " + kind + " import, accepts only one file");
    }
  }

  private static boolean isSeedDesignGroup(List<String> paths) {
    long json = paths.stream().filter(p -> ".json".equals(ImportJobs.extension(p))).count();
    long npy = paths.stream().filter(p -> ".npy".equals(ImportJobs.extension(p))).count();
    return json == 1 && npy >= 1 && json + npy == paths.size();
  }

  private static List<List<String>> files(JsonNode node) {
    if (node == null || node.isNull()) {
      throw MilvusErrors.missingParameter("ImportReq", "Files");
    }
    if (!node.isArray()) {
      throw MilvusErrors.incorrectFormat(
          "json: cannot unmarshal "
              + RestRouter.jsonKind(node)
              + " into Go struct field ImportReq.files of type [][]string");
    }
    List<List<String>> out = new ArrayList<>();
    for (JsonNode inner : node) {
      if (!inner.isArray()) {
        throw MilvusErrors.incorrectFormat(
            "json: cannot unmarshal "
                + RestRouter.jsonKind(inner)
                + " into Go struct field ImportReq.files of type []string");
      }
      List<String> paths = new ArrayList<>();
      for (JsonNode p : inner) {
        if (!p.isTextual()) {
          throw MilvusErrors.incorrectFormat(
              "json: cannot unmarshal "
                  + RestRouter.jsonKind(p)
                  + " into Go struct field ImportReq.files of type string");
        }
        paths.add(p.asText());
      }
      out.add(paths);
    }
    return out;
  }

  private static Map<String, String> options(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw MilvusErrors.incorrectFormat(
          "json: cannot unmarshal "
              + RestRouter.jsonKind(node)
              + " into Go struct field ImportReq.options of type map[string]string");
    }
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw MilvusErrors.incorrectFormat(
                    "json: cannot unmarshal "
                        + RestRouter.jsonKind(e.getValue())
                        + " into Go struct field ImportReq.options of type string");
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }

  private static String jobId(Request req) {
    JsonNode id = req.body.get("jobId");
    if (id == null || id.isNull() || id.asText().isEmpty()) {
      throw MilvusErrors.missingParameter("JobIDReq", "JobID");
    }
    String jobId = id.asText();
    if (!jobId.matches("-?[0-9]+")) {
      throw MilvusErrors.importFailed(
          "parse job id failed, err=strconv.ParseInt: parsing \"" + jobId + "\": invalid syntax");
    }
    return jobId;
  }

  private JsonNode describe(Request req) {
    String jobId = jobId(req);
    ImportJob job = kept(jobId);
    if (job == null) {
      throw MilvusErrors.importSysFailed("import job does not exist, jobID=" + jobId);
    }
    return job.describe();
  }

  private JsonNode list(Request req) {
    String name = req.body.path("collectionName").asText("");
    ObjectNode data = RestRouter.JSON.createObjectNode();
    ArrayNode records = data.putArray("records");
    for (ImportJob j : jobs.list()) {
      if (j.collection.db.equals(req.db)
          && (name.isEmpty() || j.collection.name.equals(name))
          && !forgotten(j)) {
        records.add(j.record());
      }
    }
    return data;
  }
}
