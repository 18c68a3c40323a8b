package io.milvusimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LocalS3Test {

  @Test
  void startsServesObjectsAndStops() throws Exception {
    LocalS3 s3 = LocalS3.start();
    try {
      assertThat(s3.endpoint()).startsWith("http://127.0.0.1:");
      s3.createBucket("bucket-one");
      s3.put("bucket-one", "dir/a.txt", "hello".getBytes(StandardCharsets.UTF_8));
      s3.put("bucket-one", "other/b.txt", new byte[] {1});
      assertThat(s3.listKeys("bucket-one", "dir/")).containsExactly("dir/a.txt");
      assertThat(new String(s3.read("bucket-one", "dir/a.txt"), StandardCharsets.UTF_8))
          .isEqualTo("hello");
    } finally {
      s3.close();
    }
    String endpoint = s3.endpoint();
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) new java.net.URL(endpoint + "/").openConnection();
    c.setConnectTimeout(1000);
    org.assertj.core.api.Assertions.assertThatThrownBy(c::getResponseCode)
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void sparkWritesAndReadsParquetThroughS3a() {
    LocalS3 s3 = LocalS3.shared();
    s3.createBucket("spark-bucket");
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> df = spark.createDataset(List.of(1L, 2L, 3L), Encoders.LONG()).toDF("id");
    df.write().mode("overwrite").parquet("s3a://spark-bucket/x");
    assertThat(s3.listKeys("spark-bucket", "x/")).anyMatch(k -> k.endsWith(".parquet"));
    List<Long> back =
        spark
            .read()
            .parquet("s3a://spark-bucket/x")
            .orderBy("id")
            .as(Encoders.LONG())
            .collectAsList();
    assertThat(back).containsExactly(1L, 2L, 3L);
  }
}
