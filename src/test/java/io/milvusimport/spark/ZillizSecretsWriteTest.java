package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.milvusimport.testkit.PrintedText;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No secret of a write into Zilliz Cloud reaches what people read: the API key, the credentials
 * Zilliz reads the user's bucket with, and the temporary upload credentials of the volume are in no
 * log line, plan (EXPLAIN, SQL UI) or error, on success and on failure.
 */
@Tag("e2e")
class ZillizSecretsWriteTest {
  /** The front's session tokens and access keys ({@code token-<uuid>}, {@code VOLAK...}). */
  private static final Pattern VOLUME_CREDENTIAL = Pattern.compile("token-[0-9a-f]{8}-|VOLAK");

  private static ZillizWrites stack;

  @BeforeAll
  static void start() {
    stack = ZillizWrites.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void volumeAndBucketWritesPrintNoSecretOnSuccessOrFailure() throws Exception {
    String collection = stack.createDocs();
    String volume = stack.createVolume();
    List<String> printed;
    try (PrintedText text = new PrintedText(stack.spark())) {
      stack.volumeWriter(stack.docs(60, 2), collection, volume).save();
      stack.bucketWriter(stack.docs(60, 2), stack.createDocs(), "secrets-ok").save();
      Throwable failed =
          ZillizWriteErrorsTest.failure(
              () ->
                  stack
                      .bucketWriter(stack.docs(10, 1), collection, "secrets-failed")
                      .option("cloudSecretKey", "wrong-" + ZillizTestBed.URL_SECRET)
                      .save());
      text.awaitWrites(2);
      printed = text.texts();
      printed.add(ZillizWriteErrorsTest.messages(failed));
    }
    assertExactlyOnce(stack.rows(collection), 60, ZillizWrites.DIM);
    String all = String.join("\n", printed);
    assertThat(all)
        .containsIgnoringCase("clusterId=" + ZillizTestBed.CLUSTER)
        .doesNotContain(ZillizTestBed.API_KEY)
        .doesNotContain(ZillizTestBed.URL_SECRET)
        .doesNotContain(ZillizTestBed.URL_TOKEN);
    assertThat(VOLUME_CREDENTIAL.matcher(all).find())
        .as("a temporary volume credential was printed")
        .isFalse();
  }
}
