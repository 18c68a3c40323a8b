package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.InvalidRowException;
import io.milvusimport.testkit.ImportTestBed;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Limits a write must hold: option values, invalid UTF-8, how many invalid rows {@code
 * invalidRows=skip} may leave out (all before anything is imported), and NPY groups within {@code
 * maxFileSize}.
 */
class WriteLimitsWriteTest {
  private static final int DIM = 4;
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3000000h", "99999999999999999h", "9223372036854775807ms"})
  void importTimeoutTooLargeFailsAtOptionParsingNamingTheOption(String timeout) {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "timeout-overflow-" + timeout.length();

    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(20, DIM, 2), collection, s3Staging(prefix))
                    .option("importTimeout", timeout)
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'importTimeout' has an invalid value '" + timeout + "'")
        .hasMessageContaining("at most 8760h");
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
    assertThat(bed.standIn().importRequests()).noneMatch(r -> r.toString().contains(collection));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "parquet", "npy"})
  void invalidUtf8InAVarCharFailsTheWriteNamingFieldAndRow(String format) {
    String collection = bed.createDocsCollection(DIM);
    String prefix = "bad-utf8-" + format;
    // 0xC3 0x28: a two-byte lead followed by '(' instead of a continuation byte.
    Dataset<Row> df =
        bed.docs(20, DIM, 1)
            .withColumn(
                "text",
                functions.expr(
                    "if(id = 7, cast(unhex('6F6BC328') as string), concat('doc-', id))"));

    assertThatThrownBy(
            () -> bed.writer(df, collection, s3Staging(prefix)).option("format", format).save())
        .hasStackTraceContaining("field 'text'")
        .hasStackTraceContaining("row 7")
        .hasStackTraceContaining("not valid UTF-8 (byte 0xC3 at offset 2)");
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys(prefix + "/")).isEmpty();
  }

  @Test
  void skipWhoseRowsAreAllInvalidFailsBeforeAnyImportJob() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> df = bed.docs(50, DIM, 2).withColumn("text", functions.expr("repeat('x', 100)"));

    assertThatThrownBy(
            () ->
                bed.writer(df, collection, s3Staging("all-invalid"))
                    .option("invalidRows", "skip")
                    .save())
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("50 of 50 rows (100.00%) were invalid and skipped")
        .hasMessageContaining("option 'maxInvalidRows' (0.01)")
        .hasMessageContaining("Nothing was imported");
    assertThat(bed.standIn().importRequests()).noneMatch(r -> r.toString().contains(collection));
    assertThat(bed.stagedKeys("all-invalid/")).isEmpty();
    assertThat(bed.manifestKeys("all-invalid/")).isEmpty();
  }

  @Test
  void skipWithinMaxInvalidRowsImportsTheValidRows() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> df = docsWithTooLongTextsFrom(95);

    bed.writer(df, collection, s3Staging("some-invalid"))
        .option("invalidRows", "skip")
        .option("maxInvalidRows", "5%")
        .save();

    assertExactlyOnce(bed.imported(collection), 95, DIM);
  }

  @Test
  void skipPastACountOfInvalidRowsFails() {
    String collection = bed.createDocsCollection(DIM);
    Dataset<Row> df = docsWithTooLongTextsFrom(95);

    assertThatThrownBy(
            () ->
                bed.writer(df, collection, s3Staging("count-invalid"))
                    .option("invalidRows", "skip")
                    .option("maxInvalidRows", "4")
                    .save())
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("5 of 100 rows (5.00%)")
        .hasMessageContaining("field 'text': string over max_length=5");
    assertThat(bed.imported(collection)).isEmpty();
    assertThat(bed.stagedKeys("count-invalid/")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "x", "120%"})
  void maxInvalidRowsRefusesValuesThatAreNeitherCountNorFraction(String value) {
    String collection = bed.createDocsCollection(DIM);
    assertThatThrownBy(
            () ->
                bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("bad-max-invalid"))
                    .option("invalidRows", "skip")
                    .option("maxInvalidRows", value)
                    .save())
        .isInstanceOf(InvalidOptionException.class)
        .hasMessageContaining("Option 'maxInvalidRows' has an invalid value '" + value + "'");
  }

  /**
   * 100 docs rows whose texts from {@code firstInvalid} on are over the collection's max_length.
   */
  private static Dataset<Row> docsWithTooLongTextsFrom(int firstInvalid) {
    return bed.docs(100, DIM, 2)
        .withColumn(
            "text",
            functions.expr("if(id >= " + firstInvalid + ", repeat('x', 100), concat('doc-', id))"));
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
    for (S3Object object :
        bed.s3()
            .client()
            .listObjectsV2Paginator(b -> b.bucket(ImportTestBed.BUCKET).prefix(prefix))
            .contents()) {
      String key = object.key();
      if (key.endsWith(".npy")) {
        groups.merge(key.substring(0, key.lastIndexOf('/')), object.size(), Long::sum);
      }
    }
    return groups;
  }
}
