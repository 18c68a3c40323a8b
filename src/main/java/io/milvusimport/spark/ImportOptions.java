package io.milvusimport.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.staging.StagingLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every write option, parsed once on the driver. Keys are case-insensitive. This class is the one
 * place where options are defined; {@code docs/options.md} mirrors it. It stays on the driver: it
 * holds credentials, so nothing here is shipped to executors.
 */
public final class ImportOptions {
  /** Milvus REST endpoint, e.g. {@code http://milvus:19530}; the import API lives there. */
  public static final String URI = "uri";

  /** {@code user:password} or an API key; sent as a Bearer token and never logged. */
  public static final String TOKEN = "token";

  /** Alternative to {@code token} for clusters with user/password auth. */
  public static final String USER = "user";

  /** Password for {@code user}. */
  public static final String PASSWORD = "password";

  /** Milvus database of the collection. Default {@code default}. */
  public static final String DATABASE = "database";

  /** Target collection; it must exist, since its schema decides how rows are encoded. */
  public static final String COLLECTION = "collection";

  /** Target partition; must be unset for a collection with a partition key. */
  public static final String PARTITION = "partition";

  /** Hadoop URI where import files are staged; Milvus must be able to read them there. */
  public static final String STAGING_PATH = "stagingPath";

  /** The bucket Milvus reads (its {@code minio.bucketName}); default: the staging bucket. */
  public static final String MILVUS_BUCKET = "milvusBucket";

  /**
   * Staged file format: {@code json} (row-based, default; every Milvus since 2.2), {@code npy}
   * (column groups; smallest and fastest for dense vectors), {@code parquet} (every type, nulls
   * included; Milvus 2.3+) or {@code json-npy} (the original 2.0/2.1 bulk-load layout; current
   * servers refuse it). See docs/formats.md.
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
  public static final String POLL_INTERVAL = "pollInterval";

  /** Longest wait between polls, so a long import is not polled too often. */
  public static final String MAX_POLL_INTERVAL = "maxPollInterval";

  /** How long the commit waits for all jobs to finish before failing (files are then kept). */
  public static final String IMPORT_TIMEOUT = "importTimeout";

  /** Timeout of one HTTP request to Milvus. */
  public static final String REQUEST_TIMEOUT = "requestTimeout";

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
   * Import jobs of one write that may be unfinished (still reading files) at once; the rest wait.
   * Milvus refuses new jobs past {@code dataCoord.import.maxImportJobNum} (1024) cluster-wide.
   */
  public static final String MAX_CONCURRENT_JOBS = "maxConcurrentJobs";

  /**
   * How often a Milvus call that failed in a way that may heal (no answer, HTTP 5xx/429) is
   * repeated, with exponential backoff and jitter from {@code pollInterval} to {@code
   * maxPollInterval}.
   */
  public static final String RETRIES = "retries";

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

  /** The {@code atomic} choices. */
  public enum Atomic {
    AUTO,
    TRUE,
    FALSE
  }

  /** Milvus's {@code dataNode.import.maxImportFileSizeInGB} default. */
  public static final long MILVUS_MAX_FILE_BYTES = 16L << 30;

  /**
   * Largest {@code maxFileSize}: a file is closed once it reaches the limit, so it may overshoot by
   * one row; a 1 GB margin keeps every file under Milvus's 16 GB.
   */
  static final long MAX_FILE_SIZE_CEILING = 15L << 30;

  /** Milvus's {@code dataCoord.import.maxImportFileNumPerReq} default. */
  public static final int MILVUS_MAX_FILES_PER_REQUEST = 1024;

  private static final Set<String> KEYS =
      Set.of(
          URI,
          TOKEN,
          USER,
          PASSWORD,
          DATABASE,
          COLLECTION,
          PARTITION,
          STAGING_PATH,
          MILVUS_BUCKET,
          FORMAT,
          PARQUET_COMPRESSION,
          MAX_FILE_SIZE,
          MAX_FILES_PER_JOB,
          POLL_INTERVAL,
          MAX_POLL_INTERVAL,
          IMPORT_TIMEOUT,
          REQUEST_TIMEOUT,
          KEEP_STAGED_FILES,
          WAIT_FOR_COMPLETION,
          COLUMN_MAPPING,
          DEFAULT_VALUES,
          INVALID_ROWS,
          MAX_CONCURRENT_JOBS,
          RETRIES,
          ATOMIC,
          RESUME_WRITE_ID,
          SNAPSHOT,
          SNAPSHOT_DESCRIPTION,
          SNAPSHOT_COMPACTION_PROTECTION_SECONDS);

  private final URI uri;
  private final String authorization;
  private final String database;
  private final String collection;
  private final String partition;
  private final StagingLocation staging;
  private final StagingFormat format;
  private final String parquetCompression;
  private final long maxFileSize;
  private final int maxFilesPerJob;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final Duration importTimeout;
  private final Duration requestTimeout;
  private final boolean keepStagedFiles;
  private final boolean waitForCompletion;
  private final Map<String, String> hadoopOverrides;
  private final Map<String, String> columnMapping;
  private final Map<String, JsonNode> defaultValues;
  private final boolean skipInvalidRows;
  private final int maxConcurrentJobs;
  private final int retries;
  private final Atomic atomic;
  private final String resumeWriteId;
  private final String snapshot;
  private final String snapshotDescription;
  private final long snapshotCompactionProtectionSeconds;

  private ImportOptions(Map<String, String> options) {
    Map<String, String> lower = new TreeMap<>();
    Map<String, String> hadoop = new TreeMap<>();
    Set<String> unknown = new TreeSet<>();
    Set<String> known = new TreeSet<>();
    KEYS.forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
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
              + new TreeSet<>(KEYS)
              + ", and Hadoop settings starting with 'fs.' (see docs/options.md).");
    }
    OptionValues values = new OptionValues(lower);
    this.uri = parseUri(values.required(URI, "the Milvus REST endpoint, e.g. http://milvus:19530"));
    this.authorization = parseAuthorization(values);
    this.database = values.text(DATABASE, "default");
    this.collection = values.required(COLLECTION, "the name of the target collection");
    this.partition = values.optional(PARTITION);
    this.staging =
        StagingLocation.parse(
            values.required(
                STAGING_PATH,
                "a Hadoop URI Milvus can read import files from, e.g. s3a://milvus-bucket/staging/"),
            values.optional(MILVUS_BUCKET));
    this.format = StagingFormat.parse(values.text(FORMAT, "json"));
    this.parquetCompression = values.text(PARQUET_COMPRESSION, "snappy").toLowerCase(Locale.ROOT);
    if (!List.of("snappy", "zstd", "none").contains(parquetCompression)) {
      throw OptionValues.invalid(PARQUET_COMPRESSION, parquetCompression, "snappy, zstd or none");
    }
    this.maxFileSize =
        values.bytes(
            MAX_FILE_SIZE, 1L << 30, 1L << 10, MAX_FILE_SIZE_CEILING, " (Milvus refuses 16 GB)");
    this.maxFilesPerJob =
        values.integer(
            MAX_FILES_PER_JOB, MILVUS_MAX_FILES_PER_REQUEST, 1, MILVUS_MAX_FILES_PER_REQUEST);
    this.pollInterval =
        values.duration(POLL_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(10));
    this.maxPollInterval = values.duration(MAX_POLL_INTERVAL, Duration.ofSeconds(30), pollInterval);
    this.importTimeout =
        values.duration(IMPORT_TIMEOUT, Duration.ofHours(6), Duration.ofSeconds(1));
    this.requestTimeout =
        values.duration(REQUEST_TIMEOUT, Duration.ofSeconds(60), Duration.ofMillis(100));
    this.keepStagedFiles = values.bool(KEEP_STAGED_FILES, false);
    this.waitForCompletion = values.bool(WAIT_FOR_COMPLETION, true);
    this.hadoopOverrides = Map.copyOf(hadoop);
    this.columnMapping = parseColumnMapping(values.optional(COLUMN_MAPPING));
    this.defaultValues = parseDefaultValues(values.optional(DEFAULT_VALUES));
    String invalidRows = values.text(INVALID_ROWS, "fail").toLowerCase(Locale.ROOT);
    if (!invalidRows.equals("fail") && !invalidRows.equals("skip")) {
      throw OptionValues.invalid(INVALID_ROWS, invalidRows, "fail or skip");
    }
    this.skipInvalidRows = invalidRows.equals("skip");
    this.maxConcurrentJobs = values.integer(MAX_CONCURRENT_JOBS, 8, 1, 1024);
    this.retries = values.integer(RETRIES, 5, 0, 100);
    String atomicValue = values.text(ATOMIC, "auto").toLowerCase(Locale.ROOT);
    if (!atomicValue.equals("auto")
        && !atomicValue.equals("true")
        && !atomicValue.equals("false")) {
      throw OptionValues.invalid(ATOMIC, atomicValue, "auto, true or false");
    }
    this.atomic = Atomic.valueOf(atomicValue.toUpperCase(Locale.ROOT));
    this.resumeWriteId = values.optional(RESUME_WRITE_ID);
    if (resumeWriteId != null && !resumeWriteId.matches("[A-Za-z0-9._-]+")) {
      throw OptionValues.invalid(
          RESUME_WRITE_ID, resumeWriteId, "a write id as logged, such as 20250101-120000-1a2b3c4d");
    }
    this.snapshot = values.optional(SNAPSHOT);
    this.snapshotDescription = values.text(SNAPSHOT_DESCRIPTION, "");
    this.snapshotCompactionProtectionSeconds =
        values.integer(SNAPSHOT_COMPACTION_PROTECTION_SECONDS, 0, 0, Integer.MAX_VALUE);
  }

  private static Map<String, String> parseColumnMapping(String value) {
    Map<String, String> mapping = new LinkedHashMap<>();
    if (value == null) {
      return mapping;
    }
    for (String entry : value.split(",")) {
      String[] parts = entry.split(":", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw OptionValues.invalid(
            COLUMN_MAPPING, value, "comma-separated column:field pairs such as uid:id,emb:vector");
      }
      if (mapping.put(parts[0].trim(), parts[1].trim()) != null) {
        throw OptionValues.invalid(
            COLUMN_MAPPING,
            value,
            "each column mapped once, but '" + parts[0].trim() + "' repeats");
      }
    }
    return mapping;
  }

  private static Map<String, JsonNode> parseDefaultValues(String value) {
    Map<String, JsonNode> defaults = new LinkedHashMap<>();
    if (value == null) {
      return defaults;
    }
    JsonNode parsed;
    try {
      parsed = new ObjectMapper().readTree(value);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw OptionValues.invalid(
          DEFAULT_VALUES, value, "a JSON object of field to value such as {\"year\": 2024}");
    }
    parsed.fields().forEachRemaining(e -> defaults.put(e.getKey(), e.getValue()));
    return defaults;
  }

  /** Parses and checks {@code options} (keys in any case). */
  public static ImportOptions parse(Map<String, String> options) {
    return new ImportOptions(options);
  }

  private static URI parseUri(String value) {
    try {
      URI parsed = new URI(value.replaceAll("/+$", ""));
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
        return parsed;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw OptionValues.invalid(
        URI, value, "an http:// or https:// URL such as http://milvus:19530");
  }

  private static String parseAuthorization(OptionValues values) {
    String token = values.optional(TOKEN);
    String user = values.optional(USER);
    String password = values.optional(PASSWORD);
    if (token != null && (user != null || password != null)) {
      throw new InvalidOptionException(
          "Options 'token' and 'user'/'password' are mutually exclusive: give either a token"
              + " (user:password or an API key) or a user and a password.");
    }
    if (token != null) {
      return "Bearer " + token;
    }
    if ((user == null) != (password == null)) {
      throw new InvalidOptionException(
          "Option '"
              + (user == null ? USER : PASSWORD)
              + "' is required when '"
              + (user == null ? PASSWORD : USER)
              + "' is set.");
    }
    return user == null ? null : "Bearer " + user + ":" + password;
  }

  public URI uri() {
    return uri;
  }

  /** The Authorization header value, or null for a server without authentication. */
  public String authorization() {
    return authorization;
  }

  public String database() {
    return database;
  }

  public String collection() {
    return collection;
  }

  /** The target partition, or null for the collection's default. */
  public String partition() {
    return partition;
  }

  public StagingLocation staging() {
    return staging;
  }

  public StagingFormat format() {
    return format;
  }

  /** {@code snappy}, {@code zstd} or {@code none}; used by format {@code parquet} only. */
  public String parquetCompression() {
    return parquetCompression;
  }

  public long maxFileSize() {
    return maxFileSize;
  }

  public int maxFilesPerJob() {
    return maxFilesPerJob;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  public Duration importTimeout() {
    return importTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public boolean keepStagedFiles() {
    return keepStagedFiles;
  }

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

  public int maxConcurrentJobs() {
    return maxConcurrentJobs;
  }

  public int retries() {
    return retries;
  }

  public Atomic atomic() {
    return atomic;
  }

  /** The write id to finish, or null for a new write. */
  public String resumeWriteId() {
    return resumeWriteId;
  }

  /** The snapshot name pattern, or null for no snapshot. */
  public String snapshot() {
    return snapshot;
  }

  public String snapshotDescription() {
    return snapshotDescription;
  }

  public long snapshotCompactionProtectionSeconds() {
    return snapshotCompactionProtectionSeconds;
  }

  /** Credentials are left out on purpose. */
  @Override
  public String toString() {
    return "ImportOptions{uri="
        + uri
        + ", collection="
        + database
        + "."
        + collection
        + (partition == null ? "" : ", partition=" + partition)
        + ", staging="
        + staging
        + ", format="
        + format
        + ", auth="
        + (authorization == null ? "none" : "***")
        + "}";
  }
}
