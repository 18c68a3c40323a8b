package io.milvusimport.manage;

import io.milvusimport.cloud.CloudConnection;
import io.milvusimport.cloud.CloudImportJobs;
import io.milvusimport.cloud.CloudImportSource;
import io.milvusimport.cloud.ZillizCloudClient;
import io.milvusimport.milvus.ImportJobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Import jobs into a Zilliz Cloud cluster (option {@code clusterId}) without a SparkSession: start
 * one from files already in a volume or from object URLs of the user's bucket, describe it, list
 * the cluster's jobs, and wait for one with progress. The command line's {@code import} commands
 * are thin fronts of this class.
 */
public final class CloudImports {
  private final CloudConnection connection;
  private final ZillizCloudClient client;
  private final Duration pollInterval;

  CloudImports(CloudConnection connection, Duration pollInterval) {
    this.connection = connection;
    this.client = connection.client();
    this.pollInterval = pollInterval;
  }

  public static CloudImports create(Map<String, String> options) {
    return create(CloudConnection.parse(options));
  }

  public static CloudImports create(CloudConnection connection) {
    return new CloudImports(connection, Duration.ofSeconds(1));
  }

  /** The same connection, polling every {@code interval} while waiting. */
  public CloudImports withPollInterval(Duration interval) {
    return new CloudImports(connection, interval);
  }

  /**
   * Starts an import of {@code dataPaths} of the volume (relative to its root; a folder ends with
   * {@code /}, one file or folder per import file).
   *
   * @param database null for none (Serverless clusters)
   * @param partition null for the default
   * @return the job id
   */
  public String startFromVolume(
      String database, String collection, String partition, String volume, List<String> dataPaths) {
    return jobs(database, collection, CloudImportSource.volume(volume))
        .create(each(dataPaths), partition, Map.of(), null, false, () -> null);
  }

  /** Starts an import of object URLs that Zilliz reads with the credentials given. */
  public String startFromUrls(
      String database,
      String collection,
      String partition,
      List<String> objectUrls,
      String accessKey,
      String secretKey,
      String sessionToken) {
    return jobs(database, collection, CloudImportSource.urls(accessKey, secretKey, sessionToken))
        .create(each(objectUrls), partition, Map.of(), null, false, () -> null);
  }

  public ImportJobStatus describe(String jobId) {
    return jobs(null, null, CloudImportSource.volume("-")).describe(jobId);
  }

  /** The cluster's import jobs, only {@code collection}'s unless it is null. */
  public List<CloudImportJobs.Listed> list(String collection) {
    return jobs(null, collection, CloudImportSource.volume("-")).listed();
  }

  /**
   * Polls the job until it completes or fails, handing each state to {@code onPoll}; returns the
   * final state (check {@link ImportJobStatus#completed()}, a failed one's {@link
   * ImportJobStatus#failureDescription()} names the file).
   *
   * @throws io.milvusimport.ImportTimeoutException when {@code timeout} passes first; the job keeps
   *     running
   */
  public ImportJobStatus await(String jobId, Duration timeout, Consumer<ImportJobStatus> onPoll) {
    return new CloudImportWaiter(this::describe, pollInterval).await(jobId, timeout, onPoll);
  }

  private CloudImportJobs jobs(String database, String collection, CloudImportSource source) {
    return new CloudImportJobs(client, database, collection, source);
  }

  private static List<List<String>> each(List<String> files) {
    List<List<String>> out = new ArrayList<>();
    files.forEach(f -> out.add(List.of(f)));
    return out;
  }

  @Override
  public String toString() {
    return "CloudImports{" + connection + "}";
  }
}
