package io.milvusimport.testkit.standin;

import io.milvusimport.testkit.LocalS3;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Shared set-up of the stand-in tests: a stand-in reading from the shared local S3. */
final class StandInFixture {
  static final String BUCKET = "milvus-bucket";
  static final String DOCS =
      "{\"collectionName\":\"docs\",\"schema\":{\"autoID\":false,\"enableDynamicField\":true,"
          + "\"fields\":["
          + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"title\",\"dataType\":\"VarChar\",\"elementTypeParams\":{\"max_length\":5}},"
          + "{\"fieldName\":\"vec\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":4}},"
          + "{\"fieldName\":\"count\",\"dataType\":\"Int32\",\"nullable\":true},"
          + "{\"fieldName\":\"score\",\"dataType\":\"Double\",\"defaultValue\":1.5},"
          + "{\"fieldName\":\"tags\",\"dataType\":\"Array\",\"elementDataType\":\"VarChar\","
          + "\"elementTypeParams\":{\"max_capacity\":3,\"max_length\":10}},"
          + "{\"fieldName\":\"bits\",\"dataType\":\"BinaryVector\",\"elementTypeParams\":{\"dim\":16}},"
          + "{\"fieldName\":\"sparse\",\"dataType\":\"SparseFloatVector\"},"
          + "{\"fieldName\":\"doc\",\"dataType\":\"JSON\",\"nullable\":true}"
          + "]}}";
  static final String AUTO =
      "{\"collectionName\":\"auto\",\"schema\":{\"autoID\":true,\"fields\":["
          + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"text\",\"dataType\":\"VarChar\",\"elementTypeParams\":{\"max_length\":100}},"
          + "{\"fieldName\":\"sv\",\"dataType\":\"SparseFloatVector\"}],"
          + "\"functions\":[{\"name\":\"bm25\",\"type\":\"BM25\",\"inputFieldNames\":[\"text\"],"
          + "\"outputFieldNames\":[\"sv\"]}]}}";
  static final String KEYED =
      "{\"collectionName\":\"keyed\",\"schema\":{\"fields\":["
          + "{\"fieldName\":\"id\",\"dataType\":\"Int64\",\"isPrimary\":true},"
          + "{\"fieldName\":\"tenant\",\"dataType\":\"VarChar\",\"isPartitionKey\":true,"
          + "\"elementTypeParams\":{\"max_length\":16}},"
          + "{\"fieldName\":\"v\",\"dataType\":\"FloatVector\",\"elementTypeParams\":{\"dim\":2}}]}}";

  final LocalS3 s3 = LocalS3.shared();
  final MilvusStandIn standIn;
  final StandInClient client;

  StandInFixture() {
    this(b -> b);
  }

  /** {@code custom} may change the builder's settings (applied last). */
  StandInFixture(UnaryOperator<MilvusStandIn.Builder> custom) {
    s3.createBucket(BUCKET);
    standIn =
        custom
            .apply(
                MilvusStandIn.builder()
                    .s3(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET)
                    .stepDelay(Duration.ofMillis(20))
                    .maxFilesPerRequest(3)
                    .maxFileSizeBytes(4096)
                    .maxUnfinishedJobs(1024))
            .start();
    standIn.createCollection("default", DOCS);
    standIn.createCollection("default", AUTO);
    standIn.createCollection("default", KEYED);
    client = new StandInClient(standIn.uri(), "root:Milvus");
  }

  /** Puts {@code content} at a fresh key with the given suffix; returns the key. */
  String put(String suffix, String content) {
    String key = "stage/" + UUID.randomUUID() + suffix;
    s3.put(BUCKET, key, content.getBytes(StandardCharsets.UTF_8));
    return key;
  }

  /** Puts {@code data} at {@code key}; returns the key. */
  String putBytes(String key, byte[] data) {
    s3.put(BUCKET, key, data);
    return key;
  }

  void close() {
    standIn.close();
  }
}
