# Databricks notebook source
# Same calls, same options, same order as the JVM job
# examples/spark-submit/src/com/example/milvus/MilvusImportJob.java, which the JVM test ExamplesIT
# (src/test/java/io/milvusimport/examples/ExamplesIT.java) runs through spark-submit against a local
# S3 and the Milvus stand-in; ExamplesIT also checks that this notebook's write calls match the job's.

# COMMAND ----------

# MAGIC %md
# MAGIC # Bulk-load a Parquet data set into Milvus with milvus-import
# MAGIC
# MAGIC Loads a Parquet data set into an **existing** Milvus collection through Milvus's import API:
# MAGIC Spark stages import files in the bucket Milvus reads, then Milvus imports them. The Parquet
# MAGIC columns must be named as the collection's fields.
# MAGIC
# MAGIC **Cluster set-up (once per cluster):**
# MAGIC 1. Use a Databricks Runtime with Spark 3.5 and Scala 2.12 (e.g. 14.3 LTS or 15.4 LTS).
# MAGIC 2. Install the connector jar as a cluster library: *Compute → your cluster → Libraries →
# MAGIC    Install new → JAR*, from a Unity Catalog volume or workspace file
# MAGIC    (e.g. `/Volumes/main/default/jars/milvus-import-0.1.0.jar`). On standard (shared) access
# MAGIC    mode a metastore admin must first add the jar's path to the Unity Catalog allowlist;
# MAGIC    dedicated (single user) access mode needs no allowlist. Restart the cluster after upgrading the jar.
# MAGIC 3. Do **not** add `hadoop-aws`: the Databricks Runtime already serves `s3://` and `s3a://`,
# MAGIC    and a second copy conflicts with it.
# MAGIC 4. The cluster must be able to write to the staging path (an instance profile or a Unity
# MAGIC    Catalog external location), and the staging path must be in the bucket Milvus reads (its
# MAGIC    `minio.bucketName`): Milvus is sent object keys in that bucket, for `s3://` and `s3a://` alike.
# MAGIC 5. Keep the token in a secret scope: `databricks secrets put-secret milvus token`.

# COMMAND ----------

dbutils.widgets.text("input", "s3://my-data/docs/", "Parquet input")
dbutils.widgets.text("uri", "http://milvus.internal:19530", "Milvus URI")
dbutils.widgets.text("collection", "docs", "Collection")
dbutils.widgets.text("staging_path", "s3://milvus-bucket/staging/", "Staging path")

input_path = dbutils.widgets.get("input")
uri = dbutils.widgets.get("uri")
collection = dbutils.widgets.get("collection")
staging_path = dbutils.widgets.get("staging_path")
token = dbutils.secrets.get(scope="milvus", key="token")

# COMMAND ----------

df = spark.read.parquet(input_path)
display(df.limit(5))

# COMMAND ----------

(df.write
    .format("milvus-import")
    .mode("append")
    .option("uri", uri)
    .option("token", token)
    .option("collection", collection)
    .option("stagingPath", staging_path)
    .save())
print("milvus-import: loaded " + input_path + " into " + collection)

# COMMAND ----------

# MAGIC %md
# MAGIC `save()` returns once Milvus reports every import job Completed and the staged files are
# MAGIC removed. If the cluster stops after staging, do not run the write cell again (that would
# MAGIC import twice): finish that write with `.option("resumeWriteId", "<writeId>")` and the same
# MAGIC `stagingPath` (the write id is in the error and the driver log).
