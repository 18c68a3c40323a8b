package io.milvusimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("e2e")
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

  /**
   * Uploads and renames go through S3A's transfer manager and async client: this line's AWS SDK
   * modules must carry them (hadoop-aws 3.4+ without the SDK bundle).
   */
  @Test
  void s3aUploadsALocalFileAndRenamesIt(@TempDir Path dir) throws Exception {
    LocalS3 s3 = LocalS3.shared();
    s3.createBucket("fs-bucket");
    Configuration conf = new Configuration(false);
    for (Map.Entry<String, String> e : s3.hadoopOptions().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    Path local = Files.writeString(dir.resolve("a.txt"), "uploaded through s3a");
    org.apache.hadoop.fs.Path uploaded = new org.apache.hadoop.fs.Path("s3a://fs-bucket/in/a.txt");
    org.apache.hadoop.fs.Path renamed = new org.apache.hadoop.fs.Path("s3a://fs-bucket/out/a.txt");
    try (FileSystem fs = FileSystem.newInstance(uploaded.toUri(), conf)) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), uploaded);
      assertThat(fs.rename(uploaded, renamed)).isTrue();
    }
    // S3A may leave a marker for the emptied source directory ("in/"), never the object.
    assertThat(s3.listKeys("fs-bucket", "")).contains("out/a.txt").doesNotContain("in/a.txt");
    assertThat(new String(s3.read("fs-bucket", "out/a.txt"), StandardCharsets.UTF_8))
        .isEqualTo("uploaded through s3a");
  }
}
