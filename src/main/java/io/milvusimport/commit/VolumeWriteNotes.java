package io.milvusimport.commit;

/**
 * What a write staged into a Zilliz Cloud volume tells its user where the Milvus path would delete
 * or resume: the volume's API deletes no single file, so staged files stay until the volume is
 * deleted, and without option {@code manifestPath} there is no manifest to resume from, so an
 * unknown outcome names the jobs to check instead (never a re-run, which would import twice).
 */
final class VolumeWriteNotes {
  private VolumeWriteNotes() {}

  /** Where the staged files of {@code writeId} stay. */
  static String filesStay(CommitSettings options, String writeId) {
    return "Write "
        + writeId
        + ": the staged files stay in Zilliz Cloud volume '"
        + options.staging().volume()
        + "' under "
        + volumeDirectory(options, writeId)
        + " (its API deletes no single file): delete the volume when none of its files is needed"
        + " any more.";
  }

  /**
   * The advice for an unknown outcome when the manifest was kept in memory only: the job ids and
   * how to check them.
   */
  static String unknownOutcome(CommitSettings options, String writeId, WriteManifest manifest) {
    StringBuilder jobs = new StringBuilder();
    if (manifest != null) {
      for (WriteManifest.Job job : manifest.jobs) {
        if (job.jobId != null) {
          jobs.append(jobs.length() == 0 ? "" : ", ").append(job.jobId);
        }
      }
    }
    return " The manifest of write "
        + writeId
        + " was kept in memory only (no option 'manifestPath'), so it cannot be resumed, and"
        + " running the write again would import its rows twice. "
        + (jobs.length() == 0
            ? "No import job id was recorded; list the cluster's import jobs"
            : "Check import jobs " + jobs + " of collection '" + options.collection() + "'")
        + " with POST /v2/vectordb/jobs/import/describe {\"jobId\": \"...\", \"clusterId\":"
        + " \"...\"} (or /list) on the Zilliz Cloud control plane. The staged files stay in volume '"
        + options.staging().volume()
        + "' under "
        + volumeDirectory(options, writeId)
        + "; a job created for them can be created again from there with dataPaths once you know"
        + " it failed.";
  }

  private static String volumeDirectory(CommitSettings options, String writeId) {
    String root = options.staging().writeDirectory(writeId);
    int start = root.indexOf("://") + 3;
    int slash = root.indexOf('/', start);
    return slash < 0 ? "/" : root.substring(slash + 1) + "/";
  }
}
