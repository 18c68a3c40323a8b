package io.milvusimport.commit;

import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.staging.StagingLocation;
import java.time.Duration;

/**
 * What the commit needs to know of a write, and nothing more: the commit sits downstream of the
 * Spark plumbing, so it reads its settings through this view rather than the writer's options class
 * ({@code spark.ImportOptions} implements it).
 */
public interface CommitSettings {
  /** How to reach Milvus; its database is the write's. */
  MilvusConnection connection();

  String collection();

  /** The target partition, or null for the collection's default. */
  String partition();

  StagingLocation staging();

  /**
   * The Hadoop directory holding each write's {@code <writeId>/_manifest.json} and the {@code
   * _completed/} records: the staging root, or for a write staged into a Zilliz Cloud volume (whose
   * files cannot be read back) option {@code manifestPath}, or null to keep the manifest in memory.
   */
  String manifestRoot();

  /** How the import requests name the staged files. */
  RequestAddressing addressing();

  /** The import service's per-file and per-job limits. */
  ImportLimits limits();

  /** Makes the import-job API of the write's service. */
  ImportJobsFactory importJobs();

  /** The staged file format's option value, recorded in the manifest. */
  String formatName();

  int maxFilesPerJob();

  /** First wait between job polls (and before a retry). */
  Duration pollInterval();

  /** Longest wait between job polls (and before a retry). */
  Duration maxPollInterval();

  Duration importTimeout();

  boolean keepStagedFiles();

  boolean waitForCompletion();

  int maxConcurrentJobs();

  /** The {@code atomic} option's value, for messages. */
  String atomicName();

  /** The write id to finish, or null for a new write. */
  String resumeWriteId();

  /** The snapshot name pattern, or null for no snapshot. */
  String snapshot();

  String snapshotDescription();

  long snapshotCompactionProtectionSeconds();

  /** The pattern of the snapshot to take before the first import job, or null for none. */
  String snapshotBefore();
}
