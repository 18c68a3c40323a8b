package io.milvusimport.spark;

import io.milvusimport.commit.ResumedFormat;
import io.milvusimport.format.FormatChecks;
import io.milvusimport.format.FormatChoice;
import io.milvusimport.milvus.MilvusCollections;
import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.RetryPolicy;
import io.milvusimport.schema.CollectionSchema;
import io.milvusimport.schema.PlanSettings;
import io.milvusimport.schema.RowLayout;
import io.milvusimport.schema.WritePlanner;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagingFileSystemCheck;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the write when Spark executes it, before any task runs: describes the collection
 * (read-only) and matches the DataFrame to it, failing with every problem at once.
 */
final class MilvusWrite implements Write {
  private static final Logger LOG = LoggerFactory.getLogger(MilvusWrite.class);
  private static final DateTimeFormatter WRITE_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final ImportOptions options;
  private volatile StagingFormat resolved;
  private final StructType schema;
  private final String queryId;
  private final CommitSteps steps;

  MilvusWrite(ImportOptions options, StructType schema, String queryId, CommitSteps steps) {
    this.options = options;
    this.schema = schema;
    this.queryId = queryId;
    this.steps = steps;
  }

  @Override
  public String description() {
    StagingFormat format = resolved;
    return "milvus-import into "
        + options.database()
        + "."
        + options.collection()
        + (format != null
            ? " (format " + format + ")"
            : options.format() == StagingFormat.AUTO
                ? " (format auto, chosen when the write runs)"
                : " (format " + options.format() + ")");
  }

  @Override
  public String toString() {
    return description();
  }

  @Override
  public BatchWrite toBatch() {
    CloudWriteChecks.requireCollectionCheck(options);
    options.importJobs().checkAvailable();
    HadoopConf hadoopConf = hadoopConf();
    if (options.manifestRoot() != null) {
      // the staging root, or a volume write's manifestPath; a volume itself is not a Hadoop FS
      StagingFileSystemCheck.check(options.manifestRoot(), hadoopConf.get());
    }
    MilvusRestClient client =
        new MilvusRestClient(
            options.uri(), options.authorization(), options.requestTimeout(), options.tls());
    RetryPolicy retry =
        new RetryPolicy(options.retries(), options.pollInterval(), options.maxPollInterval());
    MilvusCollections collections = new MilvusCollections(client, retry);
    String planned = steps.planCollection(options.collection());
    CollectionSchema collection = collections.describe(options.database(), planned);
    boolean partitionExists =
        options.partition() == null
            || collection.hasPartitionKey()
            || collections.hasPartition(options.database(), planned, options.partition());
    PlanSettings settings =
        new PlanSettings(
            options.partition(), partitionExists, options.columnMapping(), options.defaultValues());
    RowLayout layout = WritePlanner.plan(collection, schema, settings);
    String writeId =
        options.resumeWriteId() != null
            ? options.resumeWriteId()
            : LocalDateTime.now().format(WRITE_ID_TIME)
                + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    String why = "option format";
    StagingFormat format = options.format();
    if (format == StagingFormat.AUTO && options.resumeWriteId() != null) {
      String recorded = ResumedFormat.read(options, hadoopConf, writeId);
      if (recorded != null) {
        format = StagingFormat.parse(recorded);
        why = "format auto: the format write " + writeId + " was begun with, from its manifest";
      }
    }
    if (format == StagingFormat.AUTO) {
      FormatChoice choice = FormatChoice.auto(collection, layout, schema);
      format = StagingFormat.parse(choice.format());
      why = "format auto: " + choice.reason();
    }
    FormatChecks.check(format.toString(), collection, layout, schema);
    ImportOptions write = options.withFormat(format);
    resolved = format;
    boolean twoPhase = TwoPhaseDecision.decide(write, client, retry);
    SnapshotSupportCheck.check(write, client, retry);
    LOG.info(
        "Write {} (query {}): staging {} files ({}) for {}.{} under {}",
        writeId,
        queryId,
        format,
        why,
        write.database(),
        write.collection(),
        write.staging().writeDirectory(writeId));
    return new MilvusBatchWrite(write, layout, writeId, hadoopConf, twoPhase, steps);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return StagingMetrics.supported();
  }

  private HadoopConf hadoopConf() {
    Configuration conf = SparkSession.active().sessionState().newHadoopConf();
    options.hadoopOverrides().forEach(conf::set);
    return new HadoopConf(conf, !options.hadoopOverrides().isEmpty());
  }
}
