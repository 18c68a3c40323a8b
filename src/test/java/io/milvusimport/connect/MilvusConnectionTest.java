package io.milvusimport.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.spark.ImportOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusConnectionTest {
  @Test
  void parsesTheWritersConnectionKeysAndIgnoresTheRest() {
    Map<String, String> options = new HashMap<>();
    options.put("URI", "http://milvus:19530/");
    options.put("token", "root:Milvus");
    options.put("database", "analytics");
    options.put("requestTimeout", "5s");
    options.put("retries", "2");
    options.put("pollInterval", "200ms");
    options.put("maxPollInterval", "2s");
    options.put("collection", "docs");
    options.put("stagingPath", "s3a://bucket/staging/");

    MilvusConnection connection = MilvusConnection.parse(options);

    assertThat(connection.uri()).hasToString("http://milvus:19530");
    assertThat(connection.authorization()).isEqualTo("Bearer root:Milvus");
    assertThat(connection.database()).isEqualTo("analytics");
    assertThat(connection.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(connection.retries()).isEqualTo(2);
    assertThat(connection.retryInitialDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(connection.retryMaxDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(connection.toString()).doesNotContain("Milvus\"").doesNotContain("root:Milvus");
  }

  @Test
  void writerOptionsDelegateToTheSameConnection() {
    Map<String, String> options = new HashMap<>();
    options.put("uri", "http://milvus:19530");
    options.put("user", "root");
    options.put("password", "Milvus");
    options.put("collection", "docs");
    options.put("stagingPath", "s3a://bucket/staging/");

    ImportOptions write = ImportOptions.parse(options);

    assertThat(write.connection().authorization()).isEqualTo(write.authorization());
    assertThat(write.connection().database()).isEqualTo("default");
    assertThat(MilvusConnection.parse(options).authorization()).isEqualTo("Bearer root:Milvus");
  }

  @Test
  void errorsNameTheOptionAsTheWriterDoes() {
    assertThatThrownBy(() -> MilvusConnection.parse(Map.of()))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'uri' is required");
    assertThatThrownBy(
            () -> MilvusConnection.parse(Map.of("uri", "http://m:19530", "retries", "-1")))
        .hasMessage(
            "Option 'retries' has an invalid value '-1': expected an integer from 0 to 100.");
    assertThatThrownBy(() -> MilvusConnection.parse(Map.of("uri", "http://root:hunter2@m:19530")))
        .hasMessageContaining("must not hold credentials")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(
            () -> MilvusConnection.parse(Map.of("uri", "http://m:19530", "user", "root")))
        .hasMessage("Option 'password' is required when 'user' is set.");
  }
}
