package io.milvusimport.commit;

import io.milvusimport.MilvusImportException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.ImportJobsApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the import job that an earlier create of a planned job made when its answer was lost.
 * Milvus before 2.6.24 / 3.0.2 ignores the {@code Idempotency-Key}, so re-sending such a create
 * would import the same files twice; instead the collection's jobs ({@code /jobs/import/list}) are
 * described and the one whose files ({@code details[].fileName}) are exactly the planned job's is
 * adopted. Staged file names carry the write id, so no other write's job can match.
 *
 * <p>Milvus lists a job's files only once it has left Pending (its import tasks exist), so a job
 * still Pending might be the one: the finder waits for it, and when the deadline passes first it
 * gives up with {@link Undecided} rather than risk a second job. Failed jobs are skipped: they
 * imported nothing, so creating the job again doubles nothing.
 */
final class LostJobFinder {
  private static final Logger LOG = LoggerFactory.getLogger(LostJobFinder.class);

  private final ImportJobsApi api;
  private final WriteManifest manifest;
  private final RequestAddressing addressing;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final long deadlineNanos;
  private final Set<String> notIt = new HashSet<>();

  LostJobFinder(
      ImportJobsApi api,
      WriteManifest manifest,
      RequestAddressing addressing,
      Duration pollInterval,
      Duration maxPollInterval,
      long deadlineNanos) {
    this.api = api;
    this.manifest = manifest;
    this.addressing = addressing;
    this.pollInterval = pollInterval;
    this.maxPollInterval = maxPollInterval;
    this.deadlineNanos = deadlineNanos;
  }

  /** A job that may be the lost one has not shown its files before the deadline. */
  static final class Undecided extends MilvusImportException {
    private static final long serialVersionUID = 1L;

    Undecided(String message) {
      super(message);
    }
  }

  /**
   * The id of the job Milvus made for {@code job}'s files, or null when it has none.
   *
   * @throws Undecided when a Pending job that may be it did not show its files in time
   */
  String find(WriteManifest.Job job) {
    // Milvus names an import file fmt.Sprintf("%v", paths): "[a.npy b.npy]".
    Set<String> files = new HashSet<>();
    for (List<String> paths : ImportJobPlan.requestFiles(job, manifest.files, addressing)) {
      files.add("[" + String.join(" ", paths) + "]");
    }
    long waitMillis = pollInterval.toMillis();
    while (true) {
      List<String> pending = new ArrayList<>();
      for (ImportJobStatus record : api.list()) {
        String id = record.jobId();
        if (record.failed() || notIt.contains(id) || knownElsewhere(id, job)) {
          continue;
        }
        ImportJobStatus status = describe(id);
        if (status == null || status.failed()) {
          notIt.add(id);
        } else if (status.files().isEmpty()) {
          pending.add(id);
        } else if (sameFiles(status, files)) {
          LOG.info(
              "Write {}: import job {} of {} holds exactly the files of job {} ({}), whose"
                  + " create got no answer: adopting it instead of creating another",
              manifest.writeId,
              id,
              api.serviceName(),
              job.index + 1,
              status.state());
          return id;
        } else if (namesThisWrite(status)) {
          // Names of this write's files in a form not matched above (Zilliz Cloud's details
          // are not documented to the letter): never create blindly a second time.
          throw new Undecided(
              "the create of import job "
                  + (job.index + 1)
                  + " got no answer, and "
                  + api.serviceName()
                  + "'s job "
                  + id
                  + " names files of this write in a form that cannot be compared with the"
                  + " job's files, so whether it is that job cannot be told");
        } else {
          notIt.add(id);
        }
      }
      if (pending.isEmpty()) {
        LOG.info(
            "Write {}: {} has no import job for the files of job {}; creating it",
            manifest.writeId,
            api.serviceName(),
            job.index + 1);
        return null;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new Undecided(
            "the create of import job "
                + (job.index + 1)
                + " got no answer, and "
                + api.serviceName()
                + "'s jobs "
                + pending
                + " had not yet listed their files when the time ran out, so whether one of them"
                + " is that job cannot be told");
      }
      LOG.info(
          "Write {}: waiting for Pending import jobs {} to list their files, to tell whether one"
              + " is job {}",
          manifest.writeId,
          pending,
          job.index + 1);
      ImportJobRunner.sleep(waitMillis);
      waitMillis = Math.min(waitMillis * 2, maxPollInterval.toMillis());
    }
  }

  private ImportJobStatus describe(String id) {
    try {
      return api.describe(id);
    } catch (MilvusServerException e) {
      if (api.isJobNotFound(e)) {
        return null;
      }
      throw e;
    }
  }

  private boolean knownElsewhere(String id, WriteManifest.Job job) {
    for (WriteManifest.Job other : manifest.jobs) {
      if (other != job && id.equals(other.jobId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the job describes exactly {@code files}. Milvus names an import file {@code [a b]};
   * Zilliz Cloud's details are taken with or without the brackets (its form is not documented).
   */
  private static boolean sameFiles(ImportJobStatus status, Set<String> files) {
    Set<String> described = new HashSet<>();
    status.files().forEach(f -> described.add(unbracketed(f.fileName())));
    Set<String> wanted = new HashSet<>();
    files.forEach(f -> wanted.add(unbracketed(f)));
    return described.equals(wanted);
  }

  private boolean namesThisWrite(ImportJobStatus status) {
    for (ImportJobStatus.FileStatus file : status.files()) {
      if (file.fileName().contains(manifest.writeId)) {
        return true;
      }
    }
    return false;
  }

  private static String unbracketed(String name) {
    String n = name.trim();
    return n.startsWith("[") && n.endsWith("]") ? n.substring(1, n.length() - 1).trim() : n;
  }
}
