# Same calls, same options, same order as the JVM job
# examples/spark-submit/src/com/example/milvus/MilvusImportJob.java, which the JVM test ExamplesIT
# (src/test/java/io/milvusimport/examples/ExamplesIT.java) runs through spark-submit against a local
# S3 and the Milvus stand-in; ExamplesIT also checks that this file's write calls match the job's.
#
# Bulk-loads a Parquet data set into an existing Milvus collection with the milvus-import connector:
#
#   MILVUS_TOKEN=root:Milvus spark-submit --jars milvus-import-0.1.0.jar \
#     --packages org.apache.hadoop:hadoop-aws:3.3.4 \
#     milvus_import_job.py INPUT MILVUS_URI COLLECTION STAGING_PATH
#
# The Parquet columns must be named as the collection's fields. The token comes from the
# MILVUS_TOKEN environment variable, so it never shows on a command line or in a step definition.
import os
import sys

from pyspark.sql import SparkSession


def main(args):
    if len(args) != 4:
        print("usage: milvus_import_job.py INPUT MILVUS_URI COLLECTION STAGING_PATH"
              " (token in MILVUS_TOKEN)", file=sys.stderr)
        return 2
    input_path, uri, collection, staging_path = args
    token = os.environ.get("MILVUS_TOKEN")
    if not token:
        print("Set MILVUS_TOKEN to user:password or an API key", file=sys.stderr)
        return 2

    spark = SparkSession.builder.appName("milvus-import-job").getOrCreate()
    try:
        df = spark.read.parquet(input_path)
        (df.write
            .format("milvus-import")
            .mode("append")
            .option("uri", uri)
            .option("token", token)
            .option("collection", collection)
            .option("stagingPath", staging_path)
            .save())
        print("milvus-import: loaded " + input_path + " into " + collection)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
