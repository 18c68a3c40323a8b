package io.milvusimport.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class Int64sTest {
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void acceptsInt64sAsNumbersOrStrings() throws Exception {
    JsonNode data = json("{\"a\": 463000000000000001, \"b\": \"463000000000000002\", \"c\": \"\"}");

    assertThat(Int64s.of(data.get("a"))).isEqualTo(463000000000000001L);
    assertThat(Int64s.of(data.get("b"))).isEqualTo(463000000000000002L);
    assertThat(Int64s.of(data.get("c"))).isZero();
    assertThat(Int64s.of(data.get("missing"))).isZero();
    assertThat(Int64s.text(data.get("a"))).isEqualTo("463000000000000001");
    assertThat(Int64s.text(data.get("b"))).isEqualTo("463000000000000002");
  }

  @Test
  void snapshotCreatedAtIsThePhysicalPartOfTheHybridTimestamp() throws Exception {
    long ms = 1_764_600_000_123L;
    Snapshot s =
        Snapshot.fromDescribe(
            "db",
            json(
                "{\"snapshotName\":\"s\",\"collectionName\":\"c\",\"createTs\":\""
                    + ((ms << 18) + 7)
                    + "\",\"partitionNames\":[\"_default\",\"p1\"],\"s3Location\":\"x\"}"));

    assertThat(s.createdAt().toEpochMilli()).isEqualTo(ms);
    assertThat(s.partitions()).containsExactly("_default", "p1");
    assertThat(s.database()).isEqualTo("db");
  }
}
