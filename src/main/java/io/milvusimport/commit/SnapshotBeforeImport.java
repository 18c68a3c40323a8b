package io.milvusimport.commit;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusimport.ImportFailedException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.milvus.MilvusSnapshots;
import io.milvusimport.milvus.SnapshotNames;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the {@code snapshotBefore} snapshot in the driver's commit, before the write's first import
 * job is created, so the import can be undone by restoring it: flush (a snapshot holds only flushed
 * segments), create, describe, record in the manifest. Exactly once per write: a resume that finds
 * it recorded does not take it again, and one that finds a job already created does not take it at
 * all (it would no longer be "before"). The description names the write, so a snapshot that an
 * interrupted earlier attempt made is recognised as this write's.
 */
final class SnapshotBeforeImport {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotBeforeImport.class);

  private final MilvusSnapshots snapshots;
  private final WriteManifest manifest;

  SnapshotBeforeImport(MilvusSnapshots snapshots, WriteManifest manifest) {
    this.snapshots = snapshots;
    this.manifest = manifest;
  }

  /** The description that marks the snapshot as this write's. */
  static String description(String writeId) {
    return "milvus-import: before write " + writeId;
  }

  /**
   * Takes the snapshot unless the manifest already records it; the caller saves the manifest.
   *
   * @throws ImportFailedException when it cannot be taken; no import job exists then
   */
  void take(String pattern) {
    if (!manifest.snapshotBefore().isEmpty()) {
      LOG.info(
          "Write {}: snapshot '{}' was taken before the first import job already; not again",
          manifest.writeId,
          manifest.snapshotBefore());
      return;
    }
    if (manifest.anyJobCreateTried()) {
      LOG.warn(
          "Write {}: no snapshotBefore taken on this resume: import jobs were created before, so a"
              + " snapshot now would not hold the collection as it was before the write",
          manifest.writeId);
      return;
    }
    String name = SnapshotNames.render(pattern, manifest.writeId, LocalDate.now(ZoneOffset.UTC));
    String description = description(manifest.writeId);
    try {
      snapshots.flush();
      boolean existed = create(name, description);
      JsonNode info = snapshots.describe(name);
      if (existed && !info.path("description").asText("").equals(description)) {
        throw new MilvusImportException(
            "the name is taken by a snapshot this write did not make (description '"
                + info.path("description").asText("")
                + "'); choose a unique name, e.g. with {writeId}");
      }
      String createTs = info.path("createTs").asText("");
      manifest.snapshotBefore(name, createTs);
      LOG.info(
          "Write {}: snapshot '{}' of {} taken before the first import job (createTs {}); restore"
              + " it with SnapshotManager.rollback to undo this write",
          manifest.writeId,
          name,
          manifest.collection,
          createTs);
    } catch (MilvusImportException e) {
      throw new ImportFailedException(
          "Write "
              + manifest.writeId
              + ": the snapshot '"
              + name
              + "' of collection '"
              + manifest.collection
              + "' asked for with option 'snapshotBefore' could not be taken ("
              + e.getMessage()
              + "). No import job was created, so nothing of this write was imported.",
          e);
    }
  }

  /** Creates it; true when it already existed (a lost answer or an interrupted earlier attempt). */
  private boolean create(String name, String description) {
    try {
      return snapshots.create(name, description, 0L)
          == MilvusSnapshots.Created.EXISTS_AFTER_LOST_ANSWER;
    } catch (MilvusServerException e) {
      if (MilvusSnapshots.isAlreadyExists(e)) {
        return true;
      }
      throw e;
    }
  }
}
