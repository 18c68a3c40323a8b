package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.testkit.cloud.ZillizTestBed;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Zilliz Cloud listings as DataFrames: {@code list=volumes} (a project's volumes) and {@code
 * list=cloudImportJobs} (a cluster's import jobs, optionally of one collection), read from the
 * control-plane stand-in, with no API key in the plan.
 */
class ZillizListingReadTest {
  private static ZillizWrites stack;

  @BeforeAll
  static void start() {
    stack = ZillizWrites.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static DataFrameReader reader(String list) {
    DataFrameReader r = stack.spark().read().format("milvus-import").option("list", list);
    for (Map.Entry<String, String> e : stack.bed().options().entrySet()) {
      r = r.option(e.getKey(), e.getValue());
    }
    return r;
  }

  @Test
  void volumesOfTheProjectAreListedWithTheirTypeAndRegion() {
    String a = stack.createVolume();
    String b = stack.createVolume();

    List<Row> rows = reader("volumes").load().collectAsList();

    assertThat(rows)
        .filteredOn(r -> r.getString(0).equals(a) || r.getString(0).equals(b))
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.getString(1)).isEqualTo("MANAGED");
              assertThat(r.getString(2)).isEqualTo(ZillizTestBed.REGION);
            });
    assertThat(reader("volumes").load().schema().fieldNames())
        .containsExactly(
            "volumeName",
            "type",
            "regionId",
            "storageIntegrationId",
            "path",
            "status",
            "createTime");
  }

  @Test
  void importJobsOfTheClusterAreListedForOneCollection() {
    String collection = stack.createDocs();
    stack.volumeWriter(stack.docs(40, 2), collection, stack.createVolume()).save();

    Dataset<Row> jobs = reader("cloudImportJobs").option("collection", collection).load();
    List<Row> rows = jobs.collectAsList();

    assertThat(rows).isNotEmpty();
    assertThat(rows).allSatisfy(r -> assertThat(r.getString(1)).isEqualTo(collection));
    assertThat(rows).allSatisfy(r -> assertThat(r.getString(2)).isEqualTo("Completed"));
    String plan = jobs.queryExecution().toString();
    assertThat(plan)
        .contains("Zilliz Cloud cloudImportJobs of cluster " + ZillizTestBed.CLUSTER)
        .doesNotContain(ZillizTestBed.API_KEY);
  }

  @Test
  void volumeListingWithoutProjectIsRefusedNamingProjectId() {
    assertThatThrownBy(() -> reader("volumes").option("projectId", "").load().collectAsList())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'projectId' is required with list=volumes");
  }
}
