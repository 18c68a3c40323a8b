package com.example.milvus;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Bulk-loads a Parquet data set into an existing Milvus collection with the milvus-import
 * connector. Built against Spark alone (the connector is found by its format name at run time):
 *
 * <pre>
 * MILVUS_TOKEN=root:Milvus spark-submit --jars milvus-import-0.1.0.jar \
 *   --class com.example.milvus.MilvusImportJob milvus-import-job.jar \
 *   INPUT MILVUS_URI COLLECTION STAGING_PATH
 * </pre>
 *
 * <p>The Parquet columns must be named as the collection's fields. The token comes from the
 * MILVUS_TOKEN environment variable, so it never shows on a command line or in a step definition.
 * The PySpark script and both notebooks make the same calls in the same order.
 */
public final class MilvusImportJob {
  private MilvusImportJob() {}

  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println(
          "usage: MilvusImportJob INPUT MILVUS_URI COLLECTION STAGING_PATH"
              + " (token in MILVUS_TOKEN)");
      System.exit(2);
    }
    String input = args[0];
    String uri = args[1];
    String collection = args[2];
    String stagingPath = args[3];
    String token = System.getenv("MILVUS_TOKEN");
    if (token == null || token.isEmpty()) {
      System.err.println("Set MILVUS_TOKEN to user:password or an API key");
      System.exit(2);
    }

    SparkSession spark = SparkSession.builder().appName("milvus-import-job").getOrCreate();
    try {
      Dataset<Row> df = spark.read().parquet(input);
      df.write()
          .format("milvus-import")
          .mode("append")
          .option("uri", uri)
          .option("token", token)
          .option("collection", collection)
          .option("stagingPath", stagingPath)
          .save();
      System.out.println("milvus-import: loaded " + input + " into " + collection);
    } finally {
      spark.stop();
    }
  }
}
