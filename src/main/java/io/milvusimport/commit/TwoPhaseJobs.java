package io.milvusimport.commit;

import io.milvusimport.MilvusImportException;
import io.milvusimport.milvus.MilvusImportJobs;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second phase of a Milvus 3.0 two-phase write: commit every job once all of them hold their
 * rows Uncommitted, or abort every job so that nothing of the write becomes visible. Both calls are
 * safe to repeat: Milvus treats a commit of a committing or completed job, and an abort of an
 * aborted job, as done.
 */
final class TwoPhaseJobs {
  private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseJobs.class);

  private final MilvusImportJobs api;
  private final WriteManifest manifest;
  private final ManifestStore store;

  TwoPhaseJobs(MilvusImportJobs api, WriteManifest manifest, ManifestStore store) {
    this.api = api;
    this.manifest = manifest;
    this.store = store;
  }

  /** Commits every job; a failure after some commits is thrown with what became visible. */
  void commitAll() {
    List<String> committed = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if ("Completed".equals(job.state) || "Committing".equals(job.state)) {
        continue;
      }
      try {
        api.commit(job.jobId);
      } catch (MilvusImportException e) {
        throw new MilvusImportException(
            "Committing import job "
                + job.jobId
                + " failed ("
                + e.getMessage()
                + ")"
                + (committed.isEmpty()
                    ? "; no job of the write was committed"
                    : "; jobs " + committed + " were already committed and will become visible"),
            e);
      }
      committed.add(job.jobId);
      manifest.jobState(job, "Committing", job.importedRows, "");
      store.save(manifest);
    }
    LOG.info("Write {}: committed import jobs {}", manifest.writeId, committed);
  }

  /**
   * Aborts every created job that is not final. Returns true when every job is now known to show
   * nothing: all aborted or failed, and no create left without an answer.
   */
  boolean abortAll() {
    boolean clean = true;
    for (WriteManifest.Job job : manifest.jobs) {
      if (job.jobId == null) {
        clean &= !"Creating".equals(job.state);
        continue;
      }
      if ("Failed".equals(job.state)) {
        continue;
      }
      if ("Completed".equals(job.state) || "Committing".equals(job.state)) {
        clean = false;
        continue;
      }
      try {
        api.abort(job.jobId);
        manifest.jobState(job, "Failed", 0, "aborted by milvus-import");
        LOG.info("Write {}: aborted import job {}", manifest.writeId, job.jobId);
      } catch (MilvusImportException e) {
        LOG.warn(
            "Write {}: could not abort import job {}: {}",
            manifest.writeId,
            job.jobId,
            e.getMessage());
        clean = false;
      }
    }
    store.save(manifest);
    return clean;
  }
}
