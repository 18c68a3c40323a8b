package io.milvusimport.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.commit.CommitSettings;
import io.milvusimport.commit.ImportJobsFactory;
import io.milvusimport.commit.ImportLimits;
import io.milvusimport.commit.RequestAddressing;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.staging.StagingLocation;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * Every write option, parsed once on the driver and checked, so a bad value fails before any file
 * is staged; the keys and why each exists are in {@link OptionKeys}. It stays on the driver: it
 * holds credentials, so nothing here is shipped to executors. How to reach Milvus is parsed by
 * {@link MilvusConnection} (the same keys, shared with the Spark-free management API); the commit
 * sees these options only as {@link CommitSettings}.
 */
public final class ImportOptions implements CommitSettings {
  /** The {@code atomic} choices. */
  public enum Atomic {
    AUTO,
    TRUE,
    FALSE
  }

  private final MilvusConnection connection;
  private final CloudWriteOptions cloud;
  private final String collection;
  private final String partition;
  private final StagingLocation staging;
  private final StagingFormat format;
  private final String parquetCompression;
  private final long maxFileSize;
  private final int maxFilesPerJob;
  private final Duration importTimeout;
  private final boolean keepStagedFiles;
  private final boolean waitForCompletion;
  private final Map<String, String> hadoopOverrides;
  private final Map<String, String> columnMapping;
  private final Map<String, JsonNode> defaultValues;
  private final boolean skipInvalidRows;
  private final InvalidRowsLimit maxInvalidRows;
  private final int maxConcurrentJobs;
  private final Atomic atomic;
  private final String resumeWriteId;
  private final String snapshot;
  private final String snapshotDescription;
  private final long snapshotCompactionProtectionSeconds;
  private final String snapshotBefore;

  private ImportOptions(Map<String, String> options) {
    Map<String, String> lower = new TreeMap<>();
    Map<String, String> hadoop = new TreeMap<>();
    Set<String> unknown = new TreeSet<>();
    Set<String> known = new TreeSet<>();
    OptionKeys.KEYS.forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
    options.forEach(
        (key, value) -> {
          String k = key.toLowerCase(Locale.ROOT);
          if (k.startsWith("fs.")) {
            hadoop.put(key, value);
          } else if (known.contains(k)) {
            lower.put(k, value);
          } else if (!k.equals("path")) {
            unknown.add(key);
          }
        });
    if (!unknown.isEmpty()) {
      throw new InvalidOptionException(
          "Unknown option(s) "
              + unknown
              + ". Accepted: "
              + new TreeSet<>(OptionKeys.KEYS)
              + ", and Hadoop settings starting with 'fs.' (see docs/options.md).");
    }
    OptionValues values = new OptionValues(lower);
    this.cloud = CloudWriteOptions.parse(lower, values, hadoop);
    this.connection =
        cloud == null ? MilvusConnection.parse(values) : MilvusConnection.parseOptionalUri(values);
    this.collection = values.required(OptionKeys.COLLECTION, "the name of the target collection");
    this.partition = values.optional(OptionKeys.PARTITION);
    this.staging =
        cloud == null
            ? StagingLocation.parse(
                values.required(
                    OptionKeys.STAGING_PATH,
                    "a Hadoop URI Milvus can read import files from, e.g."
                        + " s3a://milvus-bucket/staging/"),
                values.optional(OptionKeys.MILVUS_BUCKET))
            : CloudWriteChecks.staging(cloud, values);
    this.format = StagingFormat.parse(values.text(OptionKeys.FORMAT, "auto"));
    if (cloud != null && format == StagingFormat.JSON_NPY) {
      throw OptionValues.invalid(
          OptionKeys.FORMAT,
          format.toString(),
          "json, npy or parquet for a write into Zilliz Cloud (json-npy is the Milvus 2.0/2.1"
              + " layout current servers refuse)");
    }
    this.parquetCompression =
        values.text(OptionKeys.PARQUET_COMPRESSION, "snappy").toLowerCase(Locale.ROOT);
    if (!List.of("snappy", "zstd", "none").contains(parquetCompression)) {
      throw OptionValues.invalid(
          OptionKeys.PARQUET_COMPRESSION, parquetCompression, "snappy, zstd or none");
    }
    this.maxFileSize =
        cloud == null
            ? values.bytes(
                OptionKeys.MAX_FILE_SIZE,
                1L << 30,
                1L << 10,
                OptionKeys.MAX_FILE_SIZE_CEILING,
                " (Milvus refuses 16 GB)")
            : values.bytes(
                OptionKeys.MAX_FILE_SIZE,
                1L << 30,
                1L << 10,
                OptionKeys.ZILLIZ_MAX_FILE_SIZE_CEILING,
                " (Zilliz Cloud refuses files over 10 GB)");
    int filesPerJob =
        cloud == null
            ? OptionKeys.MILVUS_MAX_FILES_PER_REQUEST
            : OptionKeys.ZILLIZ_MAX_FILES_PER_REQUEST;
    this.maxFilesPerJob = values.integer(OptionKeys.MAX_FILES_PER_JOB, filesPerJob, 1, filesPerJob);
    this.importTimeout =
        values.duration(OptionKeys.IMPORT_TIMEOUT, Duration.ofHours(6), Duration.ofSeconds(1));
    this.keepStagedFiles = values.bool(OptionKeys.KEEP_STAGED_FILES, false);
    this.waitForCompletion = values.bool(OptionKeys.WAIT_FOR_COMPLETION, true);
    this.hadoopOverrides = Map.copyOf(hadoop);
    this.columnMapping =
        OptionParsers.parseColumnMapping(values.optional(OptionKeys.COLUMN_MAPPING));
    this.defaultValues =
        OptionParsers.parseDefaultValues(values.optional(OptionKeys.DEFAULT_VALUES));
    String invalidRows = values.text(OptionKeys.INVALID_ROWS, "fail").toLowerCase(Locale.ROOT);
    if (!invalidRows.equals("fail") && !invalidRows.equals("skip")) {
      throw OptionValues.invalid(OptionKeys.INVALID_ROWS, invalidRows, "fail or skip");
    }
    this.skipInvalidRows = invalidRows.equals("skip");
    this.maxInvalidRows = InvalidRowsLimit.parse(values.optional(OptionKeys.MAX_INVALID_ROWS));
    this.maxConcurrentJobs = values.integer(OptionKeys.MAX_CONCURRENT_JOBS, 8, 1, 1024);
    String atomicValue = values.text(OptionKeys.ATOMIC, "auto").toLowerCase(Locale.ROOT);
    if (!atomicValue.equals("auto")
        && !atomicValue.equals("true")
        && !atomicValue.equals("false")) {
      throw OptionValues.invalid(OptionKeys.ATOMIC, atomicValue, "auto, true or false");
    }
    this.atomic = Atomic.valueOf(atomicValue.toUpperCase(Locale.ROOT));
    this.resumeWriteId = values.optional(OptionKeys.RESUME_WRITE_ID);
    if (resumeWriteId != null && !resumeWriteId.matches("[A-Za-z0-9._-]+")) {
      throw OptionValues.invalid(
          OptionKeys.RESUME_WRITE_ID,
          resumeWriteId,
          "a write id as logged, such as 20250101-120000-1a2b3c4d");
    }
    this.snapshot =
        OptionParsers.parseSnapshot(
            OptionKeys.SNAPSHOT, values.optional(OptionKeys.SNAPSHOT), resumeWriteId);
    this.snapshotDescription = values.text(OptionKeys.SNAPSHOT_DESCRIPTION, "");
    this.snapshotCompactionProtectionSeconds =
        values.integer(OptionKeys.SNAPSHOT_COMPACTION_PROTECTION_SECONDS, 0, 0, Integer.MAX_VALUE);
    this.snapshotBefore =
        OptionParsers.parseSnapshot(
            OptionKeys.SNAPSHOT_BEFORE, values.optional(OptionKeys.SNAPSHOT_BEFORE), resumeWriteId);
    if (cloud != null) {
      CloudWriteChecks.refuseMilvusOnly(cloud, values, atomic, resumeWriteId);
    }
    if (snapshot != null && snapshot.equals(snapshotBefore)) {
      throw OptionValues.invalid(
          OptionKeys.SNAPSHOT_BEFORE,
          snapshotBefore,
          "a name other than option 'snapshot' (both snapshots belong to one collection)");
    }
  }

  /** A copy with {@code format} resolved; see {@link #withFormat}. */
  private ImportOptions(ImportOptions o, StagingFormat format) {
    this.connection = o.connection;
    this.cloud = o.cloud;
    this.collection = o.collection;
    this.partition = o.partition;
    this.staging = o.staging;
    this.format = format;
    this.parquetCompression = o.parquetCompression;
    this.maxFileSize = o.maxFileSize;
    this.maxFilesPerJob = o.maxFilesPerJob;
    this.importTimeout = o.importTimeout;
    this.keepStagedFiles = o.keepStagedFiles;
    this.waitForCompletion = o.waitForCompletion;
    this.hadoopOverrides = o.hadoopOverrides;
    this.columnMapping = o.columnMapping;
    this.defaultValues = o.defaultValues;
    this.skipInvalidRows = o.skipInvalidRows;
    this.maxInvalidRows = o.maxInvalidRows;
    this.maxConcurrentJobs = o.maxConcurrentJobs;
    this.atomic = o.atomic;
    this.resumeWriteId = o.resumeWriteId;
    this.snapshot = o.snapshot;
    this.snapshotDescription = o.snapshotDescription;
    this.snapshotCompactionProtectionSeconds = o.snapshotCompactionProtectionSeconds;
    this.snapshotBefore = o.snapshotBefore;
  }

  /** Parses and checks {@code options} (keys in any case). */
  public static ImportOptions parse(Map<String, String> options) {
    return new ImportOptions(options);
  }

  /** How to reach Milvus: uri, credential, database, TLS, request timeout and retries. */
  @Override
  public MilvusConnection connection() {
    return connection;
  }

  /** The cluster (Milvus) endpoint; null only for a Zilliz Cloud write without option uri. */
  public URI uri() {
    return connection.uri();
  }

  /** The Zilliz Cloud settings, or null for a write into Milvus. */
  public CloudWriteOptions cloud() {
    return cloud;
  }

  @Override
  public String manifestRoot() {
    if (cloud != null && cloud.stagesIntoVolume()) {
      return cloud.manifestPath() == null ? null : cloud.manifestPath().replaceAll("/+$", "");
    }
    return staging.root();
  }

  @Override
  public RequestAddressing addressing() {
    if (cloud == null) {
      return RequestAddressing.milvusKeys(staging);
    }
    return cloud.stagesIntoVolume()
        ? RequestAddressing.volumeDataPaths(cloud.volume())
        : RequestAddressing.objectUrls();
  }

  @Override
  public ImportLimits limits() {
    return cloud == null ? ImportLimits.MILVUS : ImportLimits.ZILLIZ;
  }

  @Override
  public ImportJobsFactory importJobs() {
    return cloud == null ? ImportJobsFactory.milvus() : CloudWriteChecks.importJobs(cloud);
  }

  /** The Authorization header value, or null for a server without authentication. */
  public String authorization() {
    return connection.authorization();
  }

  /** The TLS context from the PEM options, or null for the JVM's defaults. Driver only. */
  public SSLContext tls() {
    return connection.tls();
  }

  public String database() {
    return connection.database();
  }

  @Override
  public String collection() {
    return collection;
  }

  /** The target partition, or null for the collection's default. */
  @Override
  public String partition() {
    return partition;
  }

  @Override
  public StagingLocation staging() {
    return staging;
  }

  /** The format asked for: {@link StagingFormat#AUTO} until the write's plan resolves it. */
  public StagingFormat format() {
    return format;
  }

  /**
   * These options with the format the plan chose for {@code format=auto} (or the one asked for);
   * what the tasks and the commit see.
   */
  ImportOptions withFormat(StagingFormat resolved) {
    if (resolved == StagingFormat.AUTO) {
      throw new IllegalArgumentException("format auto is not a format to stage");
    }
    return resolved == format ? this : new ImportOptions(this, resolved);
  }

  /** The resolved format's option value; never {@code auto} (the commit records it). */
  @Override
  public String formatName() {
    if (format == StagingFormat.AUTO) {
      throw new IllegalStateException("format auto must be resolved when the write is planned");
    }
    return format.toString();
  }

  /** {@code snappy}, {@code zstd} or {@code none}; used by format {@code parquet} only. */
  public String parquetCompression() {
    return parquetCompression;
  }

  public long maxFileSize() {
    return maxFileSize;
  }

  @Override
  public int maxFilesPerJob() {
    return maxFilesPerJob;
  }

  @Override
  public Duration pollInterval() {
    return connection.retryInitialDelay();
  }

  @Override
  public Duration maxPollInterval() {
    return connection.retryMaxDelay();
  }

  @Override
  public Duration importTimeout() {
    return importTimeout;
  }

  public Duration requestTimeout() {
    return connection.requestTimeout();
  }

  @Override
  public boolean keepStagedFiles() {
    return keepStagedFiles;
  }

  @Override
  public boolean waitForCompletion() {
    return waitForCompletion;
  }

  /** Hadoop settings given as write options ({@code fs.*}), applied on top of the session's. */
  public Map<String, String> hadoopOverrides() {
    return hadoopOverrides;
  }

  /** DataFrame column to Milvus field, from {@code columnMapping}. */
  public Map<String, String> columnMapping() {
    return Collections.unmodifiableMap(columnMapping);
  }

  /** Field to constant, from {@code defaultValues}. */
  public Map<String, JsonNode> defaultValues() {
    return Collections.unmodifiableMap(defaultValues);
  }

  /** True for {@code invalidRows=skip}. */
  public boolean skipInvalidRows() {
    return skipInvalidRows;
  }

  /** How many rows {@code invalidRows=skip} may leave out ({@code maxInvalidRows}). */
  InvalidRowsLimit maxInvalidRows() {
    return maxInvalidRows;
  }

  @Override
  public int maxConcurrentJobs() {
    return maxConcurrentJobs;
  }

  public int retries() {
    return connection.retries();
  }

  public Atomic atomic() {
    return atomic;
  }

  @Override
  public String atomicName() {
    return atomic.toString().toLowerCase(Locale.ROOT);
  }

  /** The write id to finish, or null for a new write. */
  @Override
  public String resumeWriteId() {
    return resumeWriteId;
  }

  /** The snapshot name pattern, or null for no snapshot. */
  @Override
  public String snapshot() {
    return snapshot;
  }

  @Override
  public String snapshotDescription() {
    return snapshotDescription;
  }

  @Override
  public long snapshotCompactionProtectionSeconds() {
    return snapshotCompactionProtectionSeconds;
  }

  /** The pattern of the snapshot taken before the first import job, or null for none. */
  @Override
  public String snapshotBefore() {
    return snapshotBefore;
  }

  /** Credentials are left out on purpose. */
  @Override
  public String toString() {
    return "ImportOptions{uri="
        + connection.uri()
        + ", collection="
        + connection.database()
        + "."
        + collection
        + (partition == null ? "" : ", partition=" + partition)
        + ", staging="
        + staging
        + ", format="
        + format
        + ", auth="
        + (connection.authorization() == null ? "none" : "***")
        + (cloud == null ? "" : ", cloud=" + cloud)
        + "}";
  }
}
