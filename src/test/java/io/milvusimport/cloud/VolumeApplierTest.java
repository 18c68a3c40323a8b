package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.cloud.ZillizBed;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code apply} a volume write's tasks carry: it survives Java serialization (as in Spark's
 * task binary), applies through the control plane where it is deserialized, and never prints the
 * API key.
 */
class VolumeApplierTest {
  @RegisterExtension static final ZillizBed BED = new ZillizBed(b -> b.rateLimit(1000));

  @Test
  void deserializedApplierAppliesForItsDirectoryAndPrintsNoApiKey() throws Exception {
    CloudConnection connection = CloudConnection.parse(BED.get().options());
    String volume = new Volumes(connection.client()).create("vol_applier");
    VolumeApplier applier = connection.applier(volume, "/milvus-import/w1");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(applier);
    }
    VolumeApplier copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (VolumeApplier) in.readObject();
    }
    VolumeCredentials credentials = copy.get();

    assertThat(copy.dir()).isEqualTo("milvus-import/w1/");
    assertThat(credentials.volumeName()).isEqualTo(volume);
    assertThat(BED.get().zilliz().requests()).contains("POST /v2/volumes/apply");
    assertThat(copy.toString())
        .contains("volume=" + volume)
        .contains("apiKey=***")
        .doesNotContain(ZillizTestBed.API_KEY);
  }
}
