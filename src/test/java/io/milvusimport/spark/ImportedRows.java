package io.milvusimport.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.testkit.ImportTestBed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Assertions that prove a write lost no row and doubled none, on the stand-in's own rows. */
final class ImportedRows {
  private ImportedRows() {}

  /** Ids 0..rows-1 each exactly once, with the values {@link ImportTestBed#docs} generated. */
  static void assertExactlyOnce(List<Map<String, Object>> rows, long expected, int dim) {
    List<Map<String, Object>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(r -> (Long) r.get("id")));
    assertThat(sorted).as("imported rows").hasSize((int) expected);
    for (int i = 0; i < expected; i++) {
      Map<String, Object> row = sorted.get(i);
      assertThat(row.get("id")).isEqualTo((long) i);
      assertThat(row.get("embedding")).isEqualTo(ImportTestBed.expectedVector(i, dim));
      assertThat(row.get("text")).isEqualTo("doc-" + i);
    }
  }

  /** The import-create bodies the stand-in received for {@code collection}. */
  static List<JsonNode> createRequests(ImportTestBed bed, String collection) {
    List<JsonNode> requests = new ArrayList<>();
    for (JsonNode request : bed.standIn().importRequests()) {
      if (request.path("collectionName").asText().equals(collection)) {
        requests.add(request);
      }
    }
    return requests;
  }

  static String s3Staging(String prefix) {
    return "s3a://" + ImportTestBed.BUCKET + "/" + prefix + "/";
  }

  /** The write id of the only manifest under {@code prefix}. */
  static String writeIdOfManifest(ImportTestBed bed, String prefix) {
    List<String> manifests = bed.manifestKeys(prefix + "/");
    assertThat(manifests).hasSize(1);
    String key = manifests.get(0);
    String dir = key.substring(0, key.length() - "/_manifest.json".length());
    return dir.substring(dir.lastIndexOf('/') + 1);
  }
}
