package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.milvus.MilvusTransportException;
import io.milvusimport.testkit.cloud.ZillizBed;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the client reads the control plane's answers, against the Zilliz stand-in's fault hooks. */
class ZillizCloudClientTest {
  @RegisterExtension static final ZillizBed BED = new ZillizBed(b -> b.rateLimit(1000));
  private static ZillizTestBed bed;

  @BeforeAll
  static void bed() {
    bed = BED.get();
  }

  private static Volumes volumes(Map<String, String> extra) {
    Map<String, String> o = new TreeMap<>(bed.options());
    o.putAll(extra);
    return new Volumes(CloudConnection.parse(o).client());
  }

  private static long count(String request) {
    return bed.zilliz().requests().stream().filter(request::equals).count();
  }

  @Test
  void codeZeroWithAnHttpStatusOtherThan200IsAFailure() {
    bed.zilliz().answer("/v2/volumes/odd", 400, "{\"code\":0,\"data\":{}}", 1);
    assertThatThrownBy(() -> volumes(Map.of()).describe("odd"))
        .isInstanceOf(ZillizCloudException.class)
        .hasMessageContaining("HTTP 400");
  }

  @Test
  void aNotFoundPageThatIsNotJsonIsNotRetried() {
    long before = count("GET /v2/volumes/html404");
    bed.zilliz().answer("/v2/volumes/html404", 404, "<html>404</html>", 10);
    assertThatThrownBy(() -> volumes(Map.of()).describe("html404"))
        .isInstanceOf(MilvusTransportException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(count("GET /v2/volumes/html404") - before).isEqualTo(1);
  }

  @Test
  void aRateLimitAnswerInTheBodyIsWaitedOutLikeHttp429() {
    bed.zilliz()
        .answer(
            "/v2/volumes/limited", 200, "{\"code\":90429,\"message\":\"rate limit exceeded\"}", 2);
    volumes(Map.of()).create("limited");
    long before = count("GET /v2/volumes/limited");
    assertThat(volumes(Map.of()).describe("limited").name()).isEqualTo("limited");
    assertThat(count("GET /v2/volumes/limited") - before).isEqualTo(3);
  }

  @Test
  void aCreateIsNotRepeatedAfterAServerErrorButASafeCallIs() {
    bed.zilliz().fail("/v2/volumes/create", 502, 1);
    assertThatThrownBy(() -> volumes(Map.of()).create("once_only"))
        .isInstanceOf(MilvusTransportException.class);
    assertThat(bed.zilliz().volumeNames()).doesNotContain("once_only");
    bed.zilliz().fail("/v2/volumes", 502, 2);
    assertThat(volumes(Map.of()).list()).isNotNull();
  }

  @Test
  void aSlowAnswerBeyondTheRequestTimeoutIsRetriedOnSafeCalls() {
    bed.zilliz().delay("/v2/volumes", Duration.ofMillis(800), 1);
    assertThat(volumes(Map.of("requestTimeout", "300ms")).list()).isNotNull();
  }
}
