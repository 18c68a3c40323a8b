package io.milvusimport.spark;

import io.milvusimport.CollectionExistsException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.milvus.MilvusCollections;
import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.RetryPolicy;
import io.milvusimport.schema.CollectionDesign;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code df.write().format("milvus-import").mode(m).save()} on the driver: decides from the
 * mode and whether the collection exists, creates it from the DataFrame when the mode says so, and
 * runs the import as a nested DSv2 append, so every mode shares one commit protocol. Every option
 * (design options included) is checked before the first call to Milvus; the first remote side
 * effect happens when Spark executes the save, never while it plans.
 */
final class SaveModeWrite {
  private static final Logger LOG = LoggerFactory.getLogger(SaveModeWrite.class);

  private final SparkSession spark;
  private final SaveMode mode;
  private final Map<String, String> given;
  private final Map<String, String> merged;
  private final Dataset<Row> data;
  private final ImportOptions options;
  private final SaveOptions save;

  SaveModeWrite(
      SparkSession spark,
      String keyPrefix,
      SaveMode mode,
      Map<String, String> parameters,
      Dataset<Row> data) {
    this.spark = spark;
    this.mode = mode;
    this.data = data;
    this.given = SaveTarget.given(parameters);
    this.merged =
        SaveTarget.withSession(
            given, ScalaMaps.toJava(spark.sqlContext().getAllConfs()), keyPrefix);
    this.options = ImportOptions.parse(merged);
    this.save = SaveOptions.parse(merged);
  }

  void run() {
    String db = options.database();
    String name = options.collection();
    if (options.resumeWriteId() != null && mode != SaveMode.Append) {
      throw new InvalidOptionException(
          "Option 'resumeWriteId' finishes an earlier write into an existing collection: use it"
              + " with .mode(\"append\"), not with save mode '"
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + "'.");
    }
    if (mode == SaveMode.Append && !save.createCollection()) {
      append(name, null); // as before save modes: the write's plan describes the collection
      return;
    }
    if (options.uri() == null) {
      throw new InvalidOptionException(
          "Save mode '"
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + "'"
              + (save.createCollection() ? " with createCollection=true" : "")
              + " needs option 'uri' (the cluster endpoint) to look up and create collection '"
              + name
              + "'; without it only .mode(\"append\") into an existing collection is possible.");
    }
    MilvusCollections collections = collections();
    boolean exists = collections.exists(db, name);
    switch (mode) {
      case ErrorIfExists:
        if (exists) {
          throw new CollectionExistsException(
              "Collection '"
                  + name
                  + "' already exists in database '"
                  + db
                  + "' and the save mode is errorifexists (Spark's default): use"
                  + " .mode(\"append\") to add the DataFrame's rows to it, .mode(\"overwrite\")"
                  + " to replace its rows, or .mode(\"ignore\") to leave it as it is.");
        }
        createAndImport(collections, db, name);
        break;
      case Ignore:
        if (exists) {
          LOG.info(
              "Collection {}.{} exists and the save mode is ignore: nothing is written", db, name);
          return;
        }
        createAndImport(collections, db, name);
        break;
      case Append:
        if (exists) {
          append(name, null);
        } else {
          createAndImport(collections, db, name);
        }
        break;
      case Overwrite:
        if (exists) {
          new OverwriteRun(this, collections, db, name, save).run(options.partition());
        } else {
          createAndImport(collections, db, name);
        }
        break;
      default:
        throw new InvalidOptionException("Unknown save mode " + mode);
    }
  }

  private MilvusCollections collections() {
    MilvusRestClient client =
        new MilvusRestClient(
            options.uri(), options.authorization(), options.requestTimeout(), options.tls());
    return new MilvusCollections(
        client,
        new RetryPolicy(options.retries(), options.pollInterval(), options.maxPollInterval()));
  }

  /**
   * Creates the collection from the DataFrame (every missing design option reported before anything
   * is created), then imports; a failed import drops the collection again.
   */
  private void createAndImport(MilvusCollections collections, String db, String name) {
    CollectionDesign design = CollectionDesign.fromSpark(name, data.schema(), merged);
    collections.createForImport(design.createRequest(db), "", "write");
    LOG.info("Created collection {}.{} from the DataFrame: {}", db, name, design.fields());
    importIntoNew(collections, db, name, "the write created it");
  }

  /**
   * Imports into {@code collection}, which this write created and nobody else knows of: a failure
   * drops it, so nothing of the write remains and the same write can simply run again.
   */
  void importIntoNew(MilvusCollections collections, String db, String collection, String why) {
    try {
      append(collection, null);
    } catch (RuntimeException e) {
      throw OverwriteSteps.droppedAfter(collections, db, collection, why, e);
    }
  }

  /**
   * The DataFrame appended to {@code collection} through the DSv2 write (a NestedWrites ticket).
   */
  void append(String collection, Runnable beforeImport) {
    Map<String, String> nested = new HashMap<>(given);
    nested.put(OptionKeys.COLLECTION.toLowerCase(java.util.Locale.ROOT), collection);
    String ticket = NestedWrites.open(beforeImport);
    nested.put(OptionKeys.NESTED_WRITE, ticket);
    try {
      data.write()
          .format(MilvusImportProvider.SHORT_NAME)
          .mode(SaveMode.Append)
          .options(nested)
          .save();
    } finally {
      NestedWrites.close(ticket);
    }
  }

  SparkSession spark() {
    return spark;
  }
}
