package io.milvusimport.commit;

import io.milvusimport.milvus.ImportJobsApi;
import io.milvusimport.milvus.MilvusImportJobs;
import io.milvusimport.milvus.RetryPolicy;

/**
 * Makes the {@link ImportJobsApi} a write's commit runs its jobs through, chosen from the write's
 * options: Milvus's own import API, or Zilliz Cloud's control plane. The commit never names an
 * implementation, so another service plugs in here alone.
 */
public interface ImportJobsFactory {
  /**
   * Called when the write is planned, before any file is staged: throws when the jobs cannot be
   * run, so nothing is staged for nothing. Makes no remote call.
   */
  default void checkAvailable() {}

  /** The service's name in the commit's messages ("Milvus", "Zilliz Cloud"). */
  default String serviceName() {
    return "Milvus";
  }

  /** The API for {@code settings}' collection; called in the driver's commit only. */
  ImportJobsApi create(CommitSettings settings, RetryPolicy retry);

  /** Milvus's REST import API at option {@code uri}. */
  static ImportJobsFactory milvus() {
    return (settings, retry) ->
        new MilvusImportJobs(
            settings.connection().client(),
            settings.connection().database(),
            settings.collection(),
            retry);
  }
}
