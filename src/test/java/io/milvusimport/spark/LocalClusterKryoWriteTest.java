package io.milvusimport.spark;

import io.milvusimport.testkit.SparkTestSession;

/** {@link ClusterWriteChecks} with Kryo, as many production clusters configure Spark. */
class LocalClusterKryoWriteTest extends ClusterWriteChecks {
  @Override
  SparkTestSession.Serializer serializer() {
    return SparkTestSession.Serializer.KRYO;
  }
}
