package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportOptionsTest {
  private static Map<String, String> minimal() {
    Map<String, String> options = new HashMap<>();
    options.put("uri", "http://milvus:19530");
    options.put("collection", "docs");
    options.put("stagingPath", "s3a://milvus-bucket/staging/");
    return options;
  }

  private static ImportOptions parse(String key, String value) {
    Map<String, String> options = minimal();
    options.put(key, value);
    return ImportOptions.parse(options);
  }

  @Test
  void appliesDefaults() {
    ImportOptions options = ImportOptions.parse(minimal());
    assertThat(options.database()).isEqualTo("default");
    assertThat(options.partition()).isNull();
    assertThat(options.authorization()).isNull();
    assertThat(options.format()).isEqualTo(StagingFormat.AUTO);
    assertThat(options.maxFileSize()).isEqualTo(1L << 30);
    assertThat(options.maxFilesPerJob()).isEqualTo(1024);
    assertThat(options.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.importTimeout()).isEqualTo(Duration.ofHours(6));
    assertThat(options.keepStagedFiles()).isFalse();
    assertThat(options.waitForCompletion()).isTrue();
    assertThat(options.staging().bucket()).isEqualTo("milvus-bucket");
  }

  @Test
  void readsKeysInAnyCase() {
    Map<String, String> options = new HashMap<>();
    options.put("URI", "https://milvus.example:443/");
    options.put("COLLECTION", "docs");
    options.put("stagingpath", "file:///tmp/stage");
    options.put("KeepStagedFiles", "TRUE");
    ImportOptions parsed = ImportOptions.parse(options);
    assertThat(parsed.uri().toString()).isEqualTo("https://milvus.example:443");
    assertThat(parsed.keepStagedFiles()).isTrue();
  }

  @Test
  void namesMissingRequiredOption() {
    Map<String, String> options = minimal();
    options.remove("collection");
    assertThatThrownBy(() -> ImportOptions.parse(options))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'collection' is required");
    options.put("collection", "docs");
    options.remove("uri");
    assertThatThrownBy(() -> ImportOptions.parse(options))
        .hasMessageContaining("'uri' is required");
    options.put("uri", "http://m:19530");
    options.remove("stagingPath");
    assertThatThrownBy(() -> ImportOptions.parse(options))
        .hasMessageContaining("'stagingPath' is required");
  }

  @Test
  void rejectsUriThatIsNotHttp() {
    assertThatThrownBy(() -> parse("uri", "grpc://milvus:19530"))
        .hasMessageContaining("Option 'uri' has an invalid value 'grpc://milvus:19530'")
        .hasMessageContaining("http:// or https://");
  }

  @Test
  void refusesCredentialsQueriesAndFragmentsInTheUriWithoutRepeatingThem() {
    for (String uri :
        new String[] {
          "http://root:s3cr3t@milvus:19530",
          "https://s3cr3t@milvus:19530/",
          "milvus-user:s3cr3t@milvus:19530",
          "http://milvus:19530/?token=s3cr3t",
          "http://milvus:19530#s3cr3t"
        }) {
      assertThatThrownBy(() -> parse("uri", uri))
          .hasMessageContaining("Option 'uri' must not")
          .hasMessageContaining("'token'")
          .message()
          .doesNotContain("s3cr3t");
    }
  }

  @Test
  void rejectsUnknownOptionListingAcceptedOnes() {
    assertThatThrownBy(() -> parse("colection", "docs"))
        .hasMessageContaining("Unknown option(s) [colection]")
        .hasMessageContaining("collection");
  }

  @Test
  void rejectsUnsupportedFormat() {
    assertThatThrownBy(() -> parse("format", "csv"))
        .hasMessageContaining("Option 'format' has an invalid value 'csv'")
        .hasMessageContaining("auto, json, npy, parquet, json-npy");
  }

  @Test
  void theDefaultFormatAutoMustBeResolvedBeforeTheCommitSeesIt() {
    ImportOptions options = ImportOptions.parse(minimal());
    assertThatThrownBy(options::formatName)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format auto must be resolved");
    assertThatThrownBy(() -> options.withFormat(StagingFormat.AUTO))
        .isInstanceOf(IllegalArgumentException.class);

    ImportOptions resolved = options.withFormat(StagingFormat.NPY);
    assertThat(resolved.format()).isEqualTo(StagingFormat.NPY);
    assertThat(resolved.formatName()).isEqualTo("npy");
    assertThat(resolved.collection()).isEqualTo(options.collection());
    assertThat(resolved.staging()).isSameAs(options.staging());
    assertThat(resolved.maxFileSize()).isEqualTo(options.maxFileSize());
    assertThat(resolved.toString()).contains("format=npy");
    assertThat(parse("format", "Auto").format()).isEqualTo(StagingFormat.AUTO);
  }

  @Test
  void parsesEveryFormatAndParquetCompression() {
    assertThat(parse("format", "NPY").format()).isEqualTo(StagingFormat.NPY);
    assertThat(parse("format", "json-npy").format()).isEqualTo(StagingFormat.JSON_NPY);
    assertThat(parse("format", "parquet").parquetCompression()).isEqualTo("snappy");
    assertThat(parse("parquetCompression", "ZSTD").parquetCompression()).isEqualTo("zstd");
    assertThatThrownBy(() -> parse("parquetCompression", "gzip"))
        .hasMessageContaining("Option 'parquetCompression' has an invalid value 'gzip'")
        .hasMessageContaining("snappy, zstd or none");
  }

  @Test
  void parsesSizesAndRejectsOnesMilvusRefuses() {
    assertThat(parse("maxFileSize", "512m").maxFileSize()).isEqualTo(512L << 20);
    assertThat(parse("maxFileSize", "64KB").maxFileSize()).isEqualTo(64L << 10);
    assertThat(parse("maxFileSize", "4096").maxFileSize()).isEqualTo(4096);
    assertThatThrownBy(() -> parse("maxFileSize", "16g"))
        .hasMessageContaining("Option 'maxFileSize' has an invalid value '16g'")
        .hasMessageContaining("Milvus refuses 16 GB");
    assertThatThrownBy(() -> parse("maxFileSize", "lots")).hasMessageContaining("such as 512m");
  }

  @Test
  void rejectsMaxFilesPerJobAboveMilvusLimit() {
    assertThat(parse("maxFilesPerJob", "2").maxFilesPerJob()).isEqualTo(2);
    assertThatThrownBy(() -> parse("maxFilesPerJob", "1025"))
        .hasMessageContaining("Option 'maxFilesPerJob' has an invalid value '1025'")
        .hasMessageContaining("from 1 to 1024");
  }

  @Test
  void parsesDurations() {
    assertThat(parse("pollInterval", "250ms").pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(parse("importTimeout", "2h").importTimeout()).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> parse("importTimeout", "10"))
        .hasMessageContaining("Option 'importTimeout' has an invalid value '10'")
        .hasMessageContaining("500ms, 10s, 5m or 2h");
  }

  @Test
  void rejectsMaxPollIntervalBelowPollInterval() {
    Map<String, String> options = minimal();
    options.put("pollInterval", "2s");
    options.put("maxPollInterval", "1s");
    assertThatThrownBy(() -> ImportOptions.parse(options))
        .hasMessageContaining("Option 'maxPollInterval' has an invalid value '1s'")
        .hasMessageContaining("at least 2000ms");
  }

  @Test
  void rejectsBooleansOtherThanTrueOrFalse() {
    assertThatThrownBy(() -> parse("keepStagedFiles", "yes"))
        .hasMessageContaining(
            "Option 'keepStagedFiles' has an invalid value 'yes': expected true" + " or false");
  }

  @Test
  void buildsBearerTokenFromUserAndPassword() {
    Map<String, String> options = minimal();
    options.put("user", "root");
    options.put("password", "Milvus");
    assertThat(ImportOptions.parse(options).authorization()).isEqualTo("Bearer root:Milvus");
    options.remove("password");
    assertThatThrownBy(() -> ImportOptions.parse(options))
        .hasMessageContaining("Option 'password' is required when 'user' is set");
    options.put("token", "root:Milvus");
    assertThatThrownBy(() -> ImportOptions.parse(options))
        .hasMessageContaining("mutually exclusive");
  }

  @Test
  void neverShowsTheTokenInToString() {
    assertThat(parse("token", "root:s3cret").toString()).doesNotContain("s3cret").contains("***");
  }

  @Test
  void passesHadoopSettingsThrough() {
    assertThat(parse("fs.s3a.endpoint", "http://127.0.0.1:9000").hadoopOverrides())
        .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000");
  }

  @Test
  void rejectsStagingOutsideMilvusBucket() {
    assertThatThrownBy(() -> parse("milvusBucket", "a-bucket"))
        .hasMessageContaining(
            "is in bucket 'milvus-bucket', outside option 'milvusBucket'" + " ('a-bucket')");
  }

  @Test
  void parsesColumnMappingDefaultValuesAndInvalidRows() {
    Map<String, String> options = minimal();
    options.put("columnMapping", "uid:id, emb:vector");
    options.put("defaultValues", "{\"year\": 2024}");
    options.put("invalidRows", "SKIP");
    ImportOptions parsed = ImportOptions.parse(options);
    assertThat(parsed.columnMapping()).containsEntry("uid", "id").containsEntry("emb", "vector");
    assertThat(parsed.defaultValues().get("year").asInt()).isEqualTo(2024);
    assertThat(parsed.skipInvalidRows()).isTrue();
  }

  @Test
  void rejectsMalformedColumnMappingDefaultValuesAndInvalidRows() {
    assertThatThrownBy(() -> parse("columnMapping", "uid=id"))
        .hasMessageContaining("Option 'columnMapping' has an invalid value 'uid=id'")
        .hasMessageContaining("column:field pairs");
    assertThatThrownBy(() -> parse("columnMapping", "a:x,a:y")).hasMessageContaining("'a' repeats");
    assertThatThrownBy(() -> parse("defaultValues", "[1]"))
        .hasMessageContaining("Option 'defaultValues' has an invalid value '[1]'")
        .hasMessageContaining("a JSON object");
    assertThatThrownBy(() -> parse("invalidRows", "ignore"))
        .hasMessageContaining(
            "Option 'invalidRows' has an invalid value 'ignore': expected fail" + " or skip");
  }

  @Test
  void commitOptionsHaveDefaults() {
    ImportOptions options = ImportOptions.parse(minimal());
    assertThat(options.maxConcurrentJobs()).isEqualTo(8);
    assertThat(options.retries()).isEqualTo(5);
    assertThat(options.atomic()).isEqualTo(ImportOptions.Atomic.AUTO);
    assertThat(options.resumeWriteId()).isNull();
    assertThat(options.snapshot()).isNull();
    assertThat(options.snapshotDescription()).isEmpty();
    assertThat(options.snapshotCompactionProtectionSeconds()).isZero();
  }

  @Test
  void parsesCommitOptionsAndNamesAcceptedValues() {
    assertThat(parse("atomic", "TRUE").atomic()).isEqualTo(ImportOptions.Atomic.TRUE);
    assertThat(parse("maxConcurrentJobs", "2").maxConcurrentJobs()).isEqualTo(2);
    assertThat(parse("snapshot", "s_{writeId}").snapshot()).isEqualTo("s_{writeId}");
    assertThatThrownBy(() -> parse("snapshot", "s-{writeId}"))
        .hasMessageContaining("Option 'snapshot' has an invalid value 's-{writeId}'")
        .hasMessageContaining("character '-' at position 1");
    assertThatThrownBy(() -> parse("snapshot", "9lives"))
        .hasMessageContaining("the first character '9' is not a letter or '_'");
    assertThatThrownBy(() -> parse("atomic", "yes"))
        .hasMessageContaining(
            "Option 'atomic' has an invalid value 'yes': expected auto, true or false");
    assertThatThrownBy(() -> parse("maxConcurrentJobs", "0"))
        .hasMessageContaining("an integer from 1 to 1024");
    assertThatThrownBy(() -> parse("retries", "-1")).hasMessageContaining("from 0 to 100");
    assertThatThrownBy(() -> parse("resumeWriteId", "../x"))
        .hasMessageContaining("Option 'resumeWriteId'");
  }

  @Test
  void snapshotBeforeFollowsTheSnapshotRulesAndMustDifferFromIt() {
    assertThat(ImportOptions.parse(minimal()).snapshotBefore()).isNull();
    assertThat(parse("snapshotBefore", "pre_{writeId}").snapshotBefore())
        .isEqualTo("pre_{writeId}");
    assertThatThrownBy(() -> parse("snapshotBefore", "pre-{date}"))
        .hasMessageContaining("Option 'snapshotBefore' has an invalid value 'pre-{date}'")
        .hasMessageContaining("character '-' at position 3");
    Map<String, String> both = minimal();
    both.put("snapshot", "s_{writeId}");
    both.put("snapshotBefore", "s_{writeId}");
    assertThatThrownBy(() -> ImportOptions.parse(both))
        .hasMessageContaining("Option 'snapshotBefore' has an invalid value 's_{writeId}'")
        .hasMessageContaining("a name other than option 'snapshot'");
  }
}
