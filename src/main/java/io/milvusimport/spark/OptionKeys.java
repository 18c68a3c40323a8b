package io.milvusimport.spark;

import io.milvusimport.connect.ConnectionKeys;
import io.milvusimport.schema.DesignKeys;
import java.util.Set;

/**
 * The write options' keys, each with why it exists: the one place options are defined ({@code
 * docs/options.md} mirrors it). Keys are case-insensitive; {@link ImportOptions} parses them. The
 * keys that say how to reach Milvus come from {@link ConnectionKeys}, shared with the Spark-free
 * management API.
 */
public final class OptionKeys {
  /** Milvus REST endpoint, e.g. {@code http://milvus:19530}; the import API lives there. */
  public static final String URI = ConnectionKeys.URI;

  /** {@code user:password} or an API key; sent as a Bearer token and never logged. */
  public static final String TOKEN = ConnectionKeys.TOKEN;

  /** Alternative to {@code token} for clusters with user/password auth. */
  public static final String USER = ConnectionKeys.USER;

  /** Password for {@code user}. */
  public static final String PASSWORD = ConnectionKeys.PASSWORD;

  /**
   * PEM file (on the driver) of the CA certificate(s) to trust for an {@code https} uri instead of
   * the JVM's trust store, for a Milvus whose certificate a private CA signed (pymilvus {@code
   * ca_pem_path}, Java SDK {@code caPemPath}).
   */
  public static final String CA_PEM_PATH = ConnectionKeys.CA_PEM_PATH;

  /** PEM file of the client certificate for Milvus's mutual TLS ({@code tlsMode: 2}). */
  public static final String CLIENT_PEM_PATH = ConnectionKeys.CLIENT_PEM_PATH;

  /** PEM file of the client certificate's unencrypted private key, for mutual TLS. */
  public static final String CLIENT_KEY_PATH = ConnectionKeys.CLIENT_KEY_PATH;

  /** Milvus database of the collection. Default {@code default}. */
  public static final String DATABASE = ConnectionKeys.DATABASE;

  /** Target collection; it must exist, since its schema decides how rows are encoded. */
  public static final String COLLECTION = "collection";

  /** Target partition; must be unset for a collection with a partition key. */
  public static final String PARTITION = "partition";

  /** Hadoop URI where import files are staged; Milvus must be able to read them there. */
  public static final String STAGING_PATH = "stagingPath";

  /** The bucket Milvus reads (its {@code minio.bucketName}); default: the staging bucket. */
  public static final String MILVUS_BUCKET = "milvusBucket";

  /**
   * Staged file format: {@code auto} (default: npy when the collection and DataFrame fit it, else
   * parquet, else json; decided when the write is planned), {@code json} (row-based; every Milvus
   * since 2.2, the slowest to stage), {@code npy} (column groups; smallest and fastest for dense
   * vectors), {@code parquet} (every type, nulls included; Milvus 2.3+) or {@code json-npy} (the
   * original 2.0/2.1 bulk-load layout; current servers refuse it). See docs/formats.md.
   */
  public static final String FORMAT = "format";

  /**
   * Parquet compression: {@code snappy} (default; cheap and read by every Milvus), {@code zstd}
   * (smaller scalar-heavy files at more CPU) or {@code none} (float vectors barely compress).
   */
  public static final String PARQUET_COMPRESSION = "parquetCompression";

  /** Size at which a task rolls to a new file; bounded by Milvus's 16 GB per-file limit. */
  public static final String MAX_FILE_SIZE = "maxFileSize";

  /** Import files per import job; Milvus refuses more than 1024 in one request. */
  public static final String MAX_FILES_PER_JOB = "maxFilesPerJob";

  /** First wait between job status polls; it backs off up to {@code maxPollInterval}. */
  public static final String POLL_INTERVAL = ConnectionKeys.POLL_INTERVAL;

  /** Longest wait between polls, so a long import is not polled too often. */
  public static final String MAX_POLL_INTERVAL = ConnectionKeys.MAX_POLL_INTERVAL;

  /** How long the commit waits for all jobs to finish before failing (files are then kept). */
  public static final String IMPORT_TIMEOUT = "importTimeout";

  /** Timeout of one HTTP request to Milvus. */
  public static final String REQUEST_TIMEOUT = ConnectionKeys.REQUEST_TIMEOUT;

  /** Keep the staged files after a successful import, e.g. to inspect or re-import them. */
  public static final String KEEP_STAGED_FILES = "keepStagedFiles";

  /**
   * Return once the import jobs are created instead of waiting for them. Milvus still reads the
   * staged files then, so they are kept.
   */
  public static final String WAIT_FOR_COMPLETION = "waitForCompletion";

  /**
   * Renames DataFrame columns to Milvus fields, {@code "uid:id,emb:vector"}: for DataFrames whose
   * column names cannot or should not change (the seed design's {@code fields_mapping}).
   */
  public static final String COLUMN_MAPPING = "columnMapping";

  /**
   * A JSON object of constants for fields the DataFrame lacks, {@code {"year": 2024}}: fills a
   * required field without adding a column (the seed design's {@code default_fields}).
   */
  public static final String DEFAULT_VALUES = "defaultValues";

  /**
   * {@code fail} (default): the first row Milvus would reject fails the write. {@code skip}: such
   * rows are left out and counted per reason, for data where a few bad rows are expected.
   */
  public static final String INVALID_ROWS = "invalidRows";

  /**
   * With {@code invalidRows=skip}: how many rows may be skipped before the write fails, a count
   * ({@code 100}) or a fraction of the rows ({@code 0.01}, {@code 1%}; the default is 1 %).
   */
  public static final String MAX_INVALID_ROWS = "maxInvalidRows";

  /**
   * Import jobs of one write that may be unfinished (still reading files) at once; the rest wait.
   * Milvus refuses new jobs past {@code dataCoord.import.maxImportJobNum} (1024) cluster-wide.
   */
  public static final String MAX_CONCURRENT_JOBS = "maxConcurrentJobs";

  /**
   * How often a Milvus call that failed in a way that may heal (no answer, HTTP 5xx/429) is
   * repeated, with exponential backoff and jitter from {@code pollInterval} to {@code
   * maxPollInterval}.
   */
  public static final String RETRIES = ConnectionKeys.RETRIES;

  /**
   * {@code auto} (default): all-or-nothing through Milvus 3.0's two-phase import when the server
   * has it, job by job otherwise. {@code true}: refuse to run without two-phase import. {@code
   * false}: never use it.
   */
  public static final String ATOMIC = "atomic";

  /**
   * The write id of an earlier write whose driver stopped after staging: its manifest is read and
   * its jobs finished (completed ones skipped, running ones polled, none created twice); the
   * DataFrame's rows are not staged again.
   */
  public static final String RESUME_WRITE_ID = "resumeWriteId";

  /**
   * Name of a Milvus snapshot (3.0.1+) to create after the import; {@code {writeId}} and {@code
   * {date}} (UTC, yyyyMMdd) are replaced.
   */
  public static final String SNAPSHOT = "snapshot";

  /** Description of the {@code snapshot}. */
  public static final String SNAPSHOT_DESCRIPTION = "snapshotDescription";

  /** Seconds Milvus keeps the snapshot's segments from compaction. Default 0. */
  public static final String SNAPSHOT_COMPACTION_PROTECTION_SECONDS =
      "snapshotCompactionProtectionSeconds";

  /**
   * Name of a Milvus snapshot (3.0.1+) to take before the write's first import job, so the import
   * can be undone ({@code SnapshotManager.rollback}); placeholders and name rules as {@code
   * snapshot}.
   */
  public static final String SNAPSHOT_BEFORE = "snapshotBefore";

  /**
   * {@code true}: a {@code mode("append")} write creates the collection when it is missing (from
   * the DataFrame and the design options, as {@code errorifexists} does). Default {@code false}.
   */
  public static final String CREATE_COLLECTION = "createCollection";

  /**
   * How {@code mode("overwrite")} replaces an existing collection: {@code auto} (default), {@code
   * swap}, {@code replace} or {@code recreate}; see docs/save-modes.md.
   */
  public static final String OVERWRITE_STRATEGY = "overwriteStrategy";

  /** {@code true}: an overwrite keeps the replaced collection (renamed) instead of dropping it. */
  public static final String KEEP_OLD_COLLECTION = "keepOldCollection";

  /**
   * Set by the connector only: marks the import a save mode runs on the driver (a one-time ticket
   * of {@link NestedWrites}); a user value matches no ticket and is refused.
   */
  static final String NESTED_WRITE = "milvusImportNestedWrite";

  /**
   * Reads only: what a {@code spark.read()} of the source lists, {@code snapshots} (of {@code
   * collection}) or {@code restoreJobs}. Reads are listings of Milvus's own metadata, never rows of
   * a collection; see {@link ListingKind}.
   */
  public static final String LIST = "list";

  /** Reads with {@code list=restoreJobs}: the target database; default option {@code database}. */
  public static final String TARGET_DATABASE = "targetDatabase";

  /** Reads with {@code list=restoreJobs}: only jobs restoring into this collection. */
  public static final String TARGET_COLLECTION = "targetCollection";

  /**
   * Zilliz Cloud cluster id ({@code in01-...}): setting it (or {@code projectId} + {@code
   * regionId}) makes the write target Zilliz Cloud, whose import jobs run on the control plane.
   */
  public static final String CLUSTER_ID = io.milvusimport.cloud.CloudKeys.CLUSTER_ID;

  /** Zilliz Cloud project id; with {@code regionId}, an alternative to {@code clusterId}. */
  public static final String PROJECT_ID = io.milvusimport.cloud.CloudKeys.PROJECT_ID;

  /** Zilliz Cloud region id, such as {@code aws-us-west-2}; with {@code projectId}. */
  public static final String REGION_ID = io.milvusimport.cloud.CloudKeys.REGION_ID;

  /** The Zilliz Cloud control plane; default {@code https://api.cloud.zilliz.com}. */
  public static final String CLOUD_ENDPOINT = io.milvusimport.cloud.CloudKeys.CLOUD_ENDPOINT;

  /** Zilliz Cloud API key for the control plane; required for Zilliz writes, never logged. */
  public static final String CLOUD_API_KEY = io.milvusimport.cloud.CloudKeys.CLOUD_API_KEY;

  /**
   * {@code volumes} (default) or {@code stages}: the control plane's paths and field names, for
   * organisations still on the stage-era API.
   */
  public static final String CLOUD_API = io.milvusimport.cloud.CloudKeys.CLOUD_API;

  /** Zilliz Cloud volume to stage into instead of {@code stagingPath} (the user's bucket). */
  public static final String VOLUME = "volume";

  /** Directory in the volume under which each write stages into {@code <writeId>/}. */
  public static final String VOLUME_PATH = "volumePath";

  /**
   * Hadoop directory for the manifest and completion record of a volume write (the volume's
   * credentials cannot read files back); absent: the manifest is kept in memory only.
   */
  public static final String MANIFEST_PATH = "manifestPath";

  /** Access key Zilliz reads the user's staging bucket with; default {@code fs.s3a.access.key}. */
  public static final String CLOUD_ACCESS_KEY = "cloudAccessKey";

  /** Secret of {@code cloudAccessKey}; default {@code fs.s3a.secret.key}; never logged. */
  public static final String CLOUD_SECRET_KEY = "cloudSecretKey";

  /** Session token of temporary credentials; default {@code fs.s3a.session.token}. */
  public static final String CLOUD_SESSION_TOKEN = "cloudSessionToken";

  /** How long a control-plane call keeps backing off while answered HTTP 429 (default 5m). */
  public static final String CLOUD_RATE_LIMIT_WAIT =
      io.milvusimport.cloud.CloudKeys.CLOUD_RATE_LIMIT_WAIT;

  /**
   * PEM file of extra CA certificates for a volume's object store (read on the driver, sent to the
   * tasks as text); the JVM's trust store is always trusted too.
   */
  public static final String CLOUD_CA_PEM_PATH = "cloudCaPemPath";

  /** Keys that mean nothing without a Zilliz Cloud target. */
  static final Set<String> CLOUD_ONLY_KEYS =
      Set.of(
          CLOUD_ENDPOINT,
          CLOUD_API_KEY,
          CLOUD_API,
          CLOUD_RATE_LIMIT_WAIT,
          CLOUD_CA_PEM_PATH,
          VOLUME,
          VOLUME_PATH,
          MANIFEST_PATH,
          CLOUD_ACCESS_KEY,
          CLOUD_SECRET_KEY,
          CLOUD_SESSION_TOKEN);

  /**
   * Largest {@code maxFileSize}: a file is closed once it reaches the limit, so it may overshoot by
   * one row; a 1 GB margin keeps every file under Milvus's 16 GB.
   */
  static final long MAX_FILE_SIZE_CEILING = 15L << 30;

  /**
   * Largest {@code maxFileSize} of a Zilliz Cloud write: Zilliz takes at most 10 GB per file (per
   * sub-directory for NumPy); the same 1 GB margin as {@link #MAX_FILE_SIZE_CEILING}.
   */
  static final long ZILLIZ_MAX_FILE_SIZE_CEILING = 9L << 30;

  /** Zilliz Cloud's limit of files per import job. */
  public static final int ZILLIZ_MAX_FILES_PER_REQUEST = 1000;

  /** Milvus's {@code dataCoord.import.maxImportFileNumPerReq} default. */
  public static final int MILVUS_MAX_FILES_PER_REQUEST = 1024;

  /** Every key: the connection keys and the writer's own. */
  static final Set<String> KEYS =
      withConnectionKeys(
          Set.of(
              COLLECTION,
              PARTITION,
              STAGING_PATH,
              MILVUS_BUCKET,
              FORMAT,
              PARQUET_COMPRESSION,
              MAX_FILE_SIZE,
              MAX_FILES_PER_JOB,
              IMPORT_TIMEOUT,
              KEEP_STAGED_FILES,
              WAIT_FOR_COMPLETION,
              COLUMN_MAPPING,
              DEFAULT_VALUES,
              INVALID_ROWS,
              MAX_INVALID_ROWS,
              MAX_CONCURRENT_JOBS,
              ATOMIC,
              RESUME_WRITE_ID,
              SNAPSHOT,
              SNAPSHOT_DESCRIPTION,
              SNAPSHOT_COMPACTION_PROTECTION_SECONDS,
              SNAPSHOT_BEFORE,
              CLUSTER_ID,
              PROJECT_ID,
              REGION_ID,
              CLOUD_ENDPOINT,
              CLOUD_API_KEY,
              CLOUD_API,
              CLOUD_RATE_LIMIT_WAIT,
              CLOUD_CA_PEM_PATH,
              VOLUME,
              VOLUME_PATH,
              MANIFEST_PATH,
              CLOUD_ACCESS_KEY,
              CLOUD_SECRET_KEY,
              CLOUD_SESSION_TOKEN,
              CREATE_COLLECTION,
              OVERWRITE_STRATEGY,
              KEEP_OLD_COLLECTION,
              NESTED_WRITE));

  /** Keys only reads take; a read also accepts (and ignores) every write key in {@link #KEYS}. */
  static final Set<String> READ_KEYS = Set.of(LIST, TARGET_DATABASE, TARGET_COLLECTION);

  private static Set<String> withConnectionKeys(Set<String> writerKeys) {
    Set<String> all = new java.util.HashSet<>(writerKeys);
    all.addAll(ConnectionKeys.KEYS);
    all.addAll(DesignKeys.KEYS);
    return Set.copyOf(all);
  }

  private OptionKeys() {}
}
