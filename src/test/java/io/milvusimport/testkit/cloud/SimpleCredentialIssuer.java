package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain {@link VolumeCredentialIssuer} for control-plane tests: answers {@code apply} with the
 * test S3's endpoint and bucket and made-up temporary keys that expire after {@code life}. It
 * checks nothing on the object store side (the upload helper's S3 front does that).
 */
public final class SimpleCredentialIssuer implements VolumeCredentialIssuer {
  private final String endpoint;
  private final String bucket;
  private final Duration life;
  private final AtomicInteger issued = new AtomicInteger();

  public SimpleCredentialIssuer(String endpoint, String bucket, Duration life) {
    this.endpoint = endpoint.replaceFirst("^https?://", "");
    this.bucket = bucket;
    this.life = life;
  }

  @Override
  public ObjectNode apply(String volumeName, String volumePrefix, String path) {
    int n = issued.incrementAndGet();
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("endpoint", endpoint)
        .put("cloud", "aws")
        .put("region", "us-west-2")
        .put("bucketName", bucket)
        .put("uploadPath", volumePrefix + path)
        .put("volumeName", volumeName)
        .put("volumePrefix", volumePrefix);
    data.putObject("credentials")
        .put("tmpAK", "STANDIN-AK-" + n)
        .put("tmpSK", "standin-secret-" + n)
        .put("sessionToken", "standin-session-" + n)
        .put("expireTime", Instant.now().plus(life).truncatedTo(ChronoUnit.SECONDS).toString());
    data.putObject("condition").put("maxContentLength", 1L << 30).put("maxFileNumber", 1000);
    return data;
  }

  /** How many {@code apply} answers it gave. */
  public int issued() {
    return issued.get();
  }
}
