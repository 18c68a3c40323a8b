package io.milvusimport.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Milvus's import-job API (contract §3): create a job from staged files, then describe it. */
public final class MilvusImportJobs {
  private final MilvusRestClient client;
  private final String database;
  private final String collection;

  public MilvusImportJobs(MilvusRestClient client, String database, String collection) {
    this.client = client;
    this.database = database;
    this.collection = collection;
  }

  /**
   * Creates one import job. A {@code code 0} answer only means Milvus accepted the request; the
   * job's outcome must be polled.
   *
   * @param files one inner list per import file (one path for JSON)
   * @param partition the partition, or null for the default
   * @return the job id
   */
  public String create(List<List<String>> files, String partition, Map<String, String> options) {
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
    JsonNode data = client.post("jobs/import/create", body);
    String jobId = data.path("jobId").asText("");
    if (jobId.isEmpty()) {
      throw new MilvusTransportException(
          "Milvus accepted the import request but returned no jobId: " + data, 200, null);
    }
    return jobId;
  }

  public ImportJobStatus describe(String jobId) {
    ObjectNode body = client.body().put("dbName", database).put("jobId", jobId);
    return ImportJobStatus.parse(jobId, client.post("jobs/import/describe", body));
  }
}
