package io.milvusimport.commit;

import io.milvusimport.ImportFailedException;
import io.milvusimport.InvalidOptionException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.staging.HadoopConf;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resume ({@code resumeWriteId}) finds of the earlier write: its manifest, proof that it
 * already completed, or nothing. A manifest or record of another database, collection, partition or
 * format than the options name is refused, so a write begun into one target is never finished into
 * another.
 */
final class ResumeCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ResumeCheck.class);

  private final CommitSettings options;
  private final HadoopConf conf;
  private final String writeId;

  ResumeCheck(CommitSettings options, HadoopConf conf, String writeId) {
    this.options = options;
    this.conf = conf;
    this.writeId = writeId;
  }

  /**
   * The manifest to finish, or null when the write already completed (logged).
   *
   * @throws ImportFailedException when there is nothing to resume or it cannot be read
   * @throws InvalidOptionException when the write was begun into another target
   */
  WriteManifest manifest(ManifestStore store) {
    WriteManifest manifest = load(store);
    if (manifest != null) {
      check("database", manifest.database, options.connection().database());
      check("collection", manifest.collection, options.collection());
      check("partition", manifest.partition, options.partition());
      if (!manifest.format().isEmpty()) {
        check("format", manifest.format(), options.formatName());
      }
      if ("Completed".equals(manifest.status())) {
        LOG.info(
            "Write {} already completed: {} rows in collection '{}'; nothing to resume",
            writeId,
            manifest.stagedRows(),
            manifest.collection);
        return null;
      }
      LOG.info(
          "Write {}: resuming from {} ({}, jobs {})",
          writeId,
          store.location(),
          manifest.status(),
          manifest.jobs.size());
      return manifest;
    }
    CompletionRecord record;
    try {
      record = CompletionRecord.read(conf, options.manifestRoot(), writeId);
    } catch (IOException e) {
      throw unreadable(e.toString(), e);
    }
    if (record == null) {
      throw new ImportFailedException(
          "Cannot resume write "
              + writeId
              + ": there is no "
              + store.location()
              + " and no completion record "
              + CompletionRecord.path(options.manifestRoot(), writeId)
              + ". That write never reached its commit, so nothing of it was imported; run the"
              + " write again without 'resumeWriteId'.");
    }
    check("database", record.database, options.connection().database());
    check("collection", record.collection, options.collection());
    check("partition", record.partition, options.partition());
    LOG.info(
        "Write {} already completed: {} rows in {} at {}; nothing to resume",
        writeId,
        record.rows,
        record.target(),
        record.completedAt);
    return null;
  }

  /**
   * The format the write's manifest records, or null when there is no manifest (nothing to resume,
   * or the write completed) or it predates recording formats.
   *
   * @throws ImportFailedException when the manifest cannot be read
   */
  String recordedFormat(ManifestStore store) {
    WriteManifest manifest = load(store);
    return manifest == null || manifest.format().isEmpty() ? null : manifest.format();
  }

  private WriteManifest load(ManifestStore store) {
    try {
      return store.load();
    } catch (MilvusImportException e) {
      throw unreadable(e.getMessage(), e);
    }
  }

  private ImportFailedException unreadable(String detail, Throwable cause) {
    return new ImportFailedException(
        "Cannot resume write "
            + writeId
            + " now: "
            + detail
            + ". Nothing was imported or changed by this attempt; run it again with the same"
            + " 'resumeWriteId' once the staging storage answers.",
        cause);
  }

  private void check(String option, String recorded, String given) {
    if (!Objects.equals(recorded, given)) {
      throw new InvalidOptionException(
          "Option '"
              + option
              + "' is "
              + (given == null ? "not set" : "'" + given + "'")
              + ", but write "
              + writeId
              + " was begun with "
              + (recorded == null ? "none" : "'" + recorded + "'")
              + ": a resume must use the same "
              + option
              + " as the write it finishes (option 'resumeWriteId').");
    }
  }
}
