package io.milvusimport.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagingFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few hundred bytes that say a write completed, kept at {@code
 * <stagingPath>/_completed/<writeId>.json} after its directory and manifest are deleted. Without
 * it, a resume of a write that had succeeded would find no manifest and could only guess; with it,
 * the resume answers that every row is already imported, so nobody imports them again.
 */
final class CompletionRecord {
  static final String DIRECTORY = "_completed";
  private static final Logger LOG = LoggerFactory.getLogger(CompletionRecord.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  final String writeId;
  final String database;
  final String collection;
  final String partition;
  final long rows;
  final String completedAt;

  private CompletionRecord(
      String writeId,
      String database,
      String collection,
      String partition,
      long rows,
      String completedAt) {
    this.writeId = writeId;
    this.database = database;
    this.collection = collection;
    this.partition = partition;
    this.rows = rows;
    this.completedAt = completedAt;
  }

  static Path path(String stagingRoot, String writeId) {
    return new Path(stagingRoot + "/" + DIRECTORY + "/" + writeId + ".json");
  }

  /** Records that {@code manifest}'s write completed now; false (logged) when it cannot. */
  static boolean write(WriteManifest manifest, HadoopConf conf, String stagingRoot) {
    Path target = path(stagingRoot, manifest.writeId);
    try (StagingFileSystem fs = StagingFileSystem.open(conf, stagingRoot);
        OutputStream out = fs.get().create(target, true)) {
      out.write(manifest.completionJson(Instant.now().toString()).getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Write {}: could not write the completion record {}: {}", manifest.writeId, target, e);
      return false;
    }
  }

  /**
   * The record of {@code writeId} under {@code stagingRoot}, or null when there is none.
   *
   * @throws IOException when it cannot be read
   */
  static CompletionRecord read(HadoopConf conf, String stagingRoot, String writeId)
      throws IOException {
    Path source = path(stagingRoot, writeId);
    JsonNode root;
    try (StagingFileSystem staging = StagingFileSystem.open(conf, stagingRoot)) {
      FileSystem fs = staging.get();
      if (!fs.exists(source)) {
        return null;
      }
      try (InputStream in = fs.open(source)) {
        root = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    JsonNode partition = root.get("partition");
    return new CompletionRecord(
        root.path("writeId").asText(),
        root.path("database").asText(),
        root.path("collection").asText(),
        partition == null || partition.isNull() ? null : partition.asText(),
        root.path("rows").asLong(),
        root.path("completedAt").asText());
  }

  /** {@code "db.collection"} or {@code "db.collection" partition 'p'}. */
  String target() {
    return "collection '"
        + collection
        + "' of database '"
        + database
        + "'"
        + (partition == null ? "" : " (partition '" + partition + "')");
  }
}
