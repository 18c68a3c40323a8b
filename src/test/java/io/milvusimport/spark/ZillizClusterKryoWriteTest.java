package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.SparkTestSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A write staged into a Zilliz Cloud volume on a {@code local-cluster} Spark with Kryo: the writer
 * factory (with the volume's credentials and the serializable {@code apply}) goes to executor JVMs
 * by Java serialization in the task binary, the commit messages by Kryo, and the executors upload
 * with what they received.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZillizClusterKryoWriteTest {
  private ZillizWrites stack;

  @BeforeAll
  void start() {
    stack = ZillizWrites.startOnCluster(SparkTestSession.Serializer.KRYO);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void volumeWriteOnExecutorJvmsWithKryoImportsEveryRowOnce() {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    int appliesBefore = stack.front().applies();

    stack
        .volumeWriter(stack.docs(300, 4), collection, volume)
        .option("format", "npy")
        .option("maxFileSize", "4kb")
        .save();

    assertExactlyOnce(stack.rows(collection), 300, ZillizWrites.DIM);
    assertThat(stack.front().applies() - appliesBefore).isEqualTo(1);
    assertThat(stack.front().count("PUT")).isGreaterThan(4);
  }
}
