package io.milvusimport.spark;

import io.milvusimport.testkit.SparkTestSession;

/** {@link ClusterWriteChecks} with Spark's default Java serialization. */
class LocalClusterJavaWriteTest extends ClusterWriteChecks {
  @Override
  SparkTestSession.Serializer serializer() {
    return SparkTestSession.Serializer.JAVA;
  }
}
