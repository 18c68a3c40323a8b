package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import io.milvusimport.testkit.ImportTestBed;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NPY column groups stay within maxFileSize, also when one long text value arrives late. */
class NpyGroupSizeWriteTest {
  private static final int DIM = 8;
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @Test
  void oneLongTextValueStartsANewGroupInsteadOfWideningTheCurrentOnePastMaxFileSize() {
    String collection = "long_text_npy";
    bed.standIn()
        .createCollection("default", ImportTestBed.docsCollectionBody(collection, DIM, 2000));
    Dataset<Row> df =
        bed.docs(15_000, DIM, 1)
            .withColumn(
                "text", functions.expr("if(id = 7500, repeat('x', 1000), concat('doc-', id))"));

    bed.writer(df, collection, s3Staging("long-text-npy"))
        .option("format", "npy")
        .option("maxFileSize", "1m")
        .option("keepStagedFiles", "true")
        .save();

    Map<String, Long> groups = groupSizes("long-text-npy/");
    assertThat(groups).hasSizeGreaterThan(1);
    assertThat(groups.values()).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(1 << 20));
    assertThat(bed.imported(collection)).hasSize(15_000);
    assertThat(bed.imported(collection))
        .filteredOn(r -> ((Long) r.get("id")) == 7500)
        .singleElement()
        .satisfies(r -> assertThat((String) r.get("text")).hasSize(1000));
  }

  /** Bytes per staged column group directory under {@code prefix}. */
  private static Map<String, Long> groupSizes(String prefix) {
    Map<String, Long> groups = new TreeMap<>();
    ListObjectsV2Request request =
        new ListObjectsV2Request().withBucketName(ImportTestBed.BUCKET).withPrefix(prefix);
    ListObjectsV2Result page;
    do {
      page = bed.s3().client().listObjectsV2(request);
      for (S3ObjectSummary object : page.getObjectSummaries()) {
        String key = object.getKey();
        if (key.endsWith(".npy")) {
          groups.merge(key.substring(0, key.lastIndexOf('/')), object.getSize(), Long::sum);
        }
      }
      request.setContinuationToken(page.getNextContinuationToken());
    } while (page.isTruncated());
    return groups;
  }
}
