package io.milvusimport.commit;

import io.milvusimport.MilvusImportException;
import io.milvusimport.commit.ImportCommitter.ImportStopped;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one commit through its phases and turns every way it can end into either success or an
 * {@link ImportStopped} that says what is visible in the collection and whether the staged files
 * may be deleted. Two-phase writes abort every job on any failure, so nothing of them is visible.
 */
final class JobOutcomes {
  private final WriteManifest manifest;
  private final ManifestStore store;
  private final ImportJobRunner runner;
  private final TwoPhaseJobs twoPhase;
  private final ImportCommitter committer;

  JobOutcomes(
      WriteManifest manifest,
      ManifestStore store,
      ImportJobRunner runner,
      TwoPhaseJobs twoPhase,
      ImportCommitter committer) {
    this.manifest = manifest;
    this.store = store;
    this.runner = runner;
    this.twoPhase = twoPhase;
    this.committer = committer;
  }

  void run(boolean waitForCompletion) {
    if (!waitForCompletion) {
      RunResult created = guarded(runner::createAll);
      if (!created.succeeded()) {
        throw stopped(created, false);
      }
      return;
    }
    RunResult read = guarded(runner::createAndAwaitRead);
    if (!manifest.twoPhase()) {
      if (!read.succeeded()) {
        throw stopped(read, read.outcome == RunResult.Outcome.FAILED && completedJobs().isEmpty());
      }
      checkRows();
      return;
    }
    if (!read.succeeded()) {
      // Nothing is committed yet: abort every job, also when one's state was unknown.
      boolean aborted = twoPhase.abortAll();
      throw stopped(read, aborted);
    }
    try {
      checkRows();
    } catch (ImportStopped e) {
      throw new ImportStopped(e.getMessage() + abortedText(twoPhase.abortAll()), false, false, e);
    }
    try {
      twoPhase.commitAll();
    } catch (TwoPhaseJobs.NothingCommitted e) {
      boolean aborted = twoPhase.abortAll();
      manifest.status(aborted ? "Failed" : "Unknown");
      store.trySave(manifest);
      throw new ImportStopped(
          prefix() + e.getMessage() + "." + abortedText(aborted), aborted, false, e);
    } catch (MilvusImportException e) {
      manifest.status("Unknown");
      store.trySave(manifest);
      throw new ImportStopped(
          unknownPrefix() + e.getMessage() + "." + commitState() + committer.resumeAdvice(),
          false,
          false,
          e);
    }
    RunResult completed = guarded(runner::awaitCompleted);
    if (!completed.succeeded()) {
      throw stopped(completed, false);
    }
    checkRows();
  }

  private RunResult guarded(java.util.function.Supplier<RunResult> step) {
    try {
      return step.get();
    } catch (MilvusImportException e) {
      if (manifest.twoPhase() && !twoPhase.commitMayHaveReachedMilvus()) {
        // Cancelled or stopped before any commit: abort so nothing becomes visible. The HTTP
        // client refuses to run on an interrupted thread, so the flag waits until afterwards.
        boolean interrupted = Thread.interrupted();
        boolean aborted = twoPhase.abortAll();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        manifest.status(aborted ? "Failed" : "Unknown");
        store.trySave(manifest);
        throw new ImportStopped(
            prefix() + e.getMessage() + "." + abortedText(aborted), aborted, false, e);
      }
      // A manifest that cannot be written, a cancelled wait, an unexpected answer: jobs may be
      // running, so the outcome is unknown and only a resume can settle it.
      manifest.status("Unknown");
      store.trySave(manifest);
      throw new ImportStopped(
          unknownPrefix()
              + e.getMessage()
              + "."
              + (manifest.twoPhase() ? commitState() : createdJobsText())
              + committer.resumeAdvice(),
          false,
          false,
          e);
    }
  }

  private String unknownPrefix() {
    return "The outcome of write " + committer.writeId() + " is unknown: ";
  }

  /** Two-phase, once a commit may have reached Milvus: which jobs are committed, and what to do. */
  private String commitState() {
    if (!twoPhase.commitMayHaveReachedMilvus()) {
      return " No job was committed, so nothing of it is visible yet.";
    }
    return " Commits were sent: jobs "
        + twoPhase.committedJobs()
        + " are committed (their rows are or become visible and cannot be rolled back), jobs "
        + twoPhase.uncommittedJobs()
        + " are not known committed. A resume reads every job again and commits the rest, so the"
        + " write ends with all of its rows visible once.";
  }

  private String createdJobsText() {
    List<String> created = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if (job.jobId != null) {
        created.add(job.jobId);
      }
    }
    return " Import jobs "
        + created
        + " were created; jobs "
        + completedJobs()
        + " are known Completed (no two-phase import).";
  }

  private ImportStopped stopped(RunResult result, boolean clean) {
    String text;
    switch (result.outcome) {
      case FAILED:
        text = prefix() + result.detail + ".";
        if (manifest.twoPhase()) {
          text += abortedText(clean);
        } else if (clean) {
          text += " Nothing of this write was imported.";
        } else {
          text +=
              " Jobs "
                  + completedJobs()
                  + " completed, so their rows are in the collection (no two-phase import)."
                  + committer.resumeAdvice()
                  + " A resume creates only the jobs that failed or were never created.";
        }
        break;
      case TIMEOUT:
        text =
            prefix()
                + result.detail
                + "."
                + (manifest.twoPhase()
                    ? abortedText(clean)
                    : " They may still complete on the server; check each with POST"
                        + " /v2/vectordb/jobs/import/describe {\"jobId\": \"...\"}."
                        + committer.resumeAdvice());
        break;
      default:
        if (clean) {
          text = prefix() + result.detail + "." + abortedText(true);
          break;
        }
        text =
            unknownPrefix()
                + result.detail
                + "."
                + (manifest.twoPhase() ? commitState() : "")
                + committer.resumeAdvice();
    }
    manifest.status(clean ? "Failed" : "Unknown");
    store.trySave(manifest);
    return new ImportStopped(text, clean, result.outcome == RunResult.Outcome.TIMEOUT, null);
  }

  private String abortedText(boolean aborted) {
    if (aborted) {
      return " Every job of the write was aborted (two-phase import), so nothing of it is visible.";
    }
    return (twoPhase.commitMayHaveReachedMilvus()
            ? commitState()
            : " Not every job could be aborted (or a create got no answer), so whether any rows"
                + " become visible is not known.")
        + committer.resumeAdvice();
  }

  private String prefix() {
    return committer.serviceName()
        + " did not import write "
        + committer.writeId()
        + " into collection '"
        + committer.collection()
        + "': ";
  }

  private List<String> completedJobs() {
    List<String> ids = new ArrayList<>();
    for (WriteManifest.Job job : manifest.jobs) {
      if ("Completed".equals(job.state)) {
        ids.add(job.jobId);
      }
    }
    return ids;
  }

  private void checkRows() {
    long imported = 0;
    for (WriteManifest.Job job : manifest.jobs) {
      imported += job.importedRows;
    }
    if (imported != manifest.stagedRows()) {
      throw new ImportStopped(
          committer.serviceName()
              + " reports "
              + imported
              + " rows imported by the jobs of write "
              + committer.writeId()
              + " into collection '"
              + committer.collection()
              + "' but "
              + manifest.stagedRows()
              + " rows were staged.",
          false,
          false,
          null);
    }
  }
}
