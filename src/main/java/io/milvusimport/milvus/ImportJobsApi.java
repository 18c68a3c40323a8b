package io.milvusimport.milvus;

import io.milvusimport.MilvusServerException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The import-job calls a write's commit needs, whichever server runs the jobs: Milvus's own REST
 * API ({@link MilvusImportJobs}) or Zilliz Cloud's control plane. The commit protocol (manifest,
 * lost-create search, polling, two-phase commit) is the same for both; only the requests differ.
 */
public interface ImportJobsApi {
  /**
   * Creates one import job, asking {@code findExisting} before every re-sent request (and before
   * the first one when {@code mayAlreadyExist}) whether an earlier request already made the job.
   *
   * @param files one inner list per import file, in the server's addressing (bucket keys, volume
   *     data paths or object URLs)
   * @param partition the partition, or null for the default
   * @param idempotencyKey sent where the server takes one, or null
   * @param findExisting the id of the job an earlier request made, or null when there is none
   * @return the job id, created or found
   */
  String create(
      List<List<String>> files,
      String partition,
      Map<String, String> options,
      String idempotencyKey,
      boolean mayAlreadyExist,
      Supplier<String> findExisting);

  ImportJobStatus describe(String jobId);

  /** The target collection's import jobs the server still remembers. */
  List<ImportJobStatus> list();

  /** Makes an Uncommitted job's rows visible (two-phase import). */
  void commit(String jobId);

  /** Drops a not yet committed job's rows (two-phase import). */
  void abort(String jobId);

  /** True when the server has two-phase import (commit / abort of Uncommitted jobs). */
  boolean supportsTwoPhaseImport();

  /** True for a refusal that heals by waiting: too many import jobs running. */
  boolean isJobLimit(MilvusServerException e);

  /** True for "this import job does not exist" (forgotten, or never made). */
  boolean isJobNotFound(MilvusServerException e);

  /** The service's name in messages and logs ("Milvus", "Zilliz Cloud"). */
  default String serviceName() {
    return "Milvus";
  }
}
