#!/usr/bin/env bash
# Builds the example job against Spark alone and submits it with the connector jar.
#   MILVUS_TOKEN=root:Milvus ./submit.sh INPUT MILVUS_URI COLLECTION STAGING_PATH
# e.g. ./submit.sh s3a://my-data/docs/ http://milvus:19530 docs s3a://milvus-bucket/staging/
# ExamplesIT (src/test/java/io/milvusimport/examples/ExamplesIT.java) runs this script against a
# local S3 and the Milvus stand-in, with a SPARK_HOME of Spark's and Hadoop's jars.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 (Scala 2.12) installation}"
CONNECTOR_JAR=${CONNECTOR_JAR:-milvus-import-0.1.0-SNAPSHOT.jar}
# S3A for a plain Apache Spark: hadoop-aws matching the Hadoop inside Spark (3.3.4 for Spark 3.5).
# Set HADOOP_AWS= (empty) where the cluster has S3A already.
HADOOP_AWS=${HADOOP_AWS-org.apache.hadoop:hadoop-aws:3.3.4}
BUILD_DIR=${BUILD_DIR:-$HERE/build}

rm -rf "$BUILD_DIR/classes" && mkdir -p "$BUILD_DIR/classes"
javac --release 11 -cp "$SPARK_HOME/jars/*" -d "$BUILD_DIR/classes" \
  "$HERE/src/com/example/milvus/MilvusImportJob.java"
jar cf "$BUILD_DIR/milvus-import-job.jar" -C "$BUILD_DIR/classes" .

"$SPARK_HOME/bin/spark-submit" \
  --master "${SPARK_MASTER:-local[*]}" \
  ${HADOOP_AWS:+--packages "$HADOOP_AWS"} \
  --jars "$CONNECTOR_JAR" \
  --class com.example.milvus.MilvusImportJob \
  "$BUILD_DIR/milvus-import-job.jar" "$@"
