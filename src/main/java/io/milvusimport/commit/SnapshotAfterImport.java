package io.milvusimport.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.SnapshotFailedException;
import io.milvusimport.milvus.MilvusSnapshots;
import io.milvusimport.milvus.SnapshotNames;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    return SnapshotNames.render(pattern, writeId, date);
  }

  /**
   * Accepts a snapshot that a create whose answer was lost made, after checking it is this write's:
   * same collection and description. Otherwise the name belongs to someone else.
   */
  private void settleExisting(String name, String description, JsonNode info) {
    String collection = info.path("collectionName").asText("");
    String existing = info.path("description").asText("");
    if (!collection.equals(manifest.collection) || !existing.equals(description)) {
      throw new MilvusImportException(
          "snapshot '"
              + name
              + "' already exists but is not the one this write asked for (collection '"
              + collection
              + "', description '"
              + existing
              + "'); the name is taken, choose a unique one, e.g. with {writeId}");
    }
    LOG.info(
        "Write {}: snapshot '{}' already existed after a create whose answer was lost; it is this"
            + " write's (same collection and description), so it is kept",
        manifest.writeId,
        name);
  }

  /**
   * @throws SnapshotFailedException when any step fails; the import itself has succeeded then
   */
  void take(String pattern, String description, long protectionSeconds) {
    String name = name(pattern, manifest.writeId, LocalDate.now(ZoneOffset.UTC));
    try {
      snapshots.flush();
      MilvusSnapshots.Created created = snapshots.create(name, description, protectionSeconds);
      JsonNode info = snapshots.describe(name);
      if (created == MilvusSnapshots.Created.EXISTS_AFTER_LOST_ANSWER) {
        settleExisting(name, description, info);
      }
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
      boolean taken =
          e instanceof MilvusServerException
              && MilvusSnapshots.isAlreadyExists((MilvusServerException) e);
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
              + ")."
              + (taken
                  ? " The name is taken by a snapshot this write did not make; choose a unique"
                      + " name, e.g. with {writeId}."
                  : "")
              + " Do not re-run the import: create the snapshot with POST"
              + " /v2/vectordb/snapshots/create once the cause is fixed.",
          e);
    }
  }
}
