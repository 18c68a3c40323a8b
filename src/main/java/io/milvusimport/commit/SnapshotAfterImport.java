package io.milvusimport.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.MilvusImportException;
import io.milvusimport.SnapshotFailedException;
import io.milvusimport.milvus.MilvusSnapshots;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a Milvus snapshot of the collection once every job of the write has completed, so the
 * imported state can be restored later: flush (a snapshot holds only flushed segments), create,
 * describe, log, record in the manifest. A failure says plainly that the rows are imported and only
 * the snapshot is missing, so nobody re-runs the import to get it.
 */
final class SnapshotAfterImport {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotAfterImport.class);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  private final MilvusSnapshots snapshots;
  private final WriteManifest manifest;
  private final ManifestStore store;

  SnapshotAfterImport(MilvusSnapshots snapshots, WriteManifest manifest, ManifestStore store) {
    this.snapshots = snapshots;
    this.manifest = manifest;
    this.store = store;
  }

  /** The snapshot name with {@code {writeId}} and {@code {date}} (UTC) filled in. */
  static String name(String pattern, String writeId, LocalDate date) {
    return pattern.replace("{writeId}", writeId).replace("{date}", DATE.format(date));
  }

  /**
   * @throws SnapshotFailedException when any step fails; the import itself has succeeded then
   */
  void take(String pattern, String description, long protectionSeconds) {
    String name = name(pattern, manifest.writeId, LocalDate.now(ZoneOffset.UTC));
    try {
      snapshots.flush();
      snapshots.create(name, description, protectionSeconds);
      JsonNode info = snapshots.describe(name);
      String createTs = info.path("createTs").asText("");
      manifest.snapshot(name, createTs);
      store.save(manifest);
      LOG.info(
          "Write {}: snapshot '{}' of {} created (createTs {}, location {}) holding the {} rows"
              + " imported by this write",
          manifest.writeId,
          name,
          manifest.collection,
          createTs,
          info.path("s3Location").asText(""),
          manifest.stagedRows());
    } catch (MilvusImportException e) {
      throw new SnapshotFailedException(
          "Write "
              + manifest.writeId
              + ": all "
              + manifest.stagedRows()
              + " rows ARE imported into collection '"
              + manifest.collection
              + "'; only the snapshot '"
              + name
              + "' is missing ("
              + e.getMessage()
              + "). Do not re-run the import: create the snapshot with POST"
              + " /v2/vectordb/snapshots/create once the cause is fixed.",
          e);
    }
  }
}
