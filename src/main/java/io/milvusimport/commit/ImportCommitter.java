package io.milvusimport.commit;

import io.milvusimport.ImportFailedException;
import io.milvusimport.MilvusServerException;
import io.milvusimport.format.SkippedRows;
import io.milvusimport.milvus.ImportJobStatus;
import io.milvusimport.milvus.MilvusImportJobs;
import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.MilvusTransportException;
import io.milvusimport.spark.ImportOptions;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver-side end of a write: turns the files the tasks committed into import jobs, waits for
 * Milvus to finish them, checks the imported row count and removes the staged files.
 *
 * <p>It remembers whether Milvus may still be reading the staged files, because Spark calls {@link
 * #abort} after a failed commit too: files are deleted only when no job can still need them.
 */
public final class ImportCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCommitter.class);

  private final ImportOptions options;
  private final HadoopConf hadoopConf;
  private final String writeId;
  private final List<String> jobIds = new ArrayList<>();
  private volatile boolean filesMayBeInUse;

  public ImportCommitter(ImportOptions options, HadoopConf hadoopConf, String writeId) {
    this.options = options;
    this.hadoopConf = hadoopConf;
    this.writeId = writeId;
  }

  /**
   * Imports {@code files}; returns when every job is Completed, or throws.
   *
   * @param skipped invalid rows the tasks left out, reported here
   */
  public void commit(List<StagedFile> files, SkippedRows skipped) {
    long started = System.nanoTime();
    if (skipped.total() > 0) {
      LOG.warn(
          "Write {}: skipped {} invalid rows (invalidRows=skip): {}",
          writeId,
          skipped.total(),
          skipped.byReason());
    }
    long stagedRows = files.stream().mapToLong(StagedFile::rows).sum();
    long stagedBytes = files.stream().mapToLong(StagedFile::bytes).sum();
    LOG.info(
        "Write {}: {} rows staged in {} files ({} bytes) under {}",
        writeId,
        stagedRows,
        files.size(),
        stagedBytes,
        writeDirectory());
    if (files.isEmpty()) {
      LOG.info("Write {}: no rows to import", writeId);
      StagingCleaner.delete(hadoopConf.get(), writeDirectory());
      return;
    }
    MilvusImportJobs jobs =
        new MilvusImportJobs(client(), options.database(), options.collection());
    ImportJobPlan plan = ImportJobPlan.of(files, options.staging(), options.maxFilesPerJob());
    for (int i = 0; i < plan.size(); i++) {
      String jobId = createJob(jobs, plan, i);
      jobIds.add(jobId);
      filesMayBeInUse = true;
      LOG.info(
          "Write {}: created import job {} ({} of {}) for {} files, {} rows",
          writeId,
          jobId,
          i + 1,
          plan.size(),
          plan.files(i).size(),
          plan.expectedRows(i));
    }
    if (!options.waitForCompletion()) {
      LOG.info(
          "Write {}: not waiting for import jobs {} (waitForCompletion=false); the staged files"
              + " under {} are kept for Milvus to read",
          writeId,
          jobIds,
          writeDirectory());
      return;
    }
    List<ImportJobStatus> finals =
        new ImportJobWatcher(
                jobs, options.pollInterval(), options.maxPollInterval(), options.importTimeout())
            .awaitAll(jobIds);
    filesMayBeInUse = false;
    checkOutcome(finals, stagedRows);
    LOG.info(
        "imported {} rows into {} in {} ms ({} import jobs)",
        stagedRows,
        options.collection(),
        (System.nanoTime() - started) / 1_000_000,
        jobIds.size());
    if (options.keepStagedFiles()) {
      LOG.info("Write {}: staged files kept under {}", writeId, writeDirectory());
    } else {
      StagingCleaner.delete(hadoopConf.get(), writeDirectory());
    }
  }

  private String createJob(MilvusImportJobs jobs, ImportJobPlan plan, int index) {
    try {
      return jobs.create(plan.files(index), options.partition(), Map.of());
    } catch (MilvusTransportException e) {
      filesMayBeInUse = true;
      throw new ImportFailedException(
          "Could not tell whether Milvus created import job "
              + (index + 1)
              + " of "
              + plan.size()
              + " for write "
              + writeId
              + " ("
              + e.getMessage()
              + "). The staged files under "
              + writeDirectory()
              + " are kept; list the collection's jobs with POST"
              + " /v2/vectordb/jobs/import/list before importing them again.",
          e);
    } catch (MilvusServerException e) {
      String running =
          jobIds.isEmpty()
              ? " Nothing of this write was imported."
              : " Jobs " + jobIds + " were already created and will import their rows.";
      throw new ImportFailedException(
          "Milvus refused import request "
              + (index + 1)
              + " of "
              + plan.size()
              + " for write "
              + writeId
              + " into collection '"
              + options.collection()
              + "': code "
              + e.code()
              + ", "
              + e.serverMessage()
              + "."
              + running,
          e);
    }
  }

  private void checkOutcome(List<ImportJobStatus> finals, long stagedRows) {
    List<String> failures = new ArrayList<>();
    List<String> completed = new ArrayList<>();
    long importedRows = 0;
    for (ImportJobStatus status : finals) {
      if (status.failed()) {
        failures.add("import job " + status.jobId() + " failed: " + status.failureDescription());
      } else {
        completed.add(status.jobId());
        importedRows += status.importedRows();
      }
    }
    if (!failures.isEmpty()) {
      String visible =
          completed.isEmpty()
              ? " Nothing of this write was imported."
              : " Jobs " + completed + " completed, so their rows are in the collection.";
      throw new ImportFailedException(
          "Milvus failed to import write "
              + writeId
              + " into collection '"
              + options.collection()
              + "': "
              + String.join("; ", failures)
              + "."
              + visible);
    }
    if (importedRows != stagedRows) {
      throw new ImportFailedException(
          "Milvus reports "
              + importedRows
              + " rows imported by jobs "
              + completed
              + " but "
              + stagedRows
              + " rows were staged for write "
              + writeId
              + " into collection '"
              + options.collection()
              + "'.");
    }
  }

  /**
   * Removes the staged files after a failed write, unless Milvus may still be reading them (a job
   * whose outcome is unknown) or the user asked to keep them.
   */
  public void abort() {
    if (filesMayBeInUse) {
      LOG.warn(
          "Write {}: keeping staged files under {} because import jobs {} may still be reading"
              + " them. Check each job with POST /v2/vectordb/jobs/import/describe and delete the"
              + " directory once they are finished.",
          writeId,
          writeDirectory(),
          jobIds);
    } else if (options.keepStagedFiles()) {
      LOG.info("Write {}: staged files kept under {} (keepStagedFiles)", writeId, writeDirectory());
    } else {
      StagingCleaner.delete(hadoopConf.get(), writeDirectory());
    }
  }

  private String writeDirectory() {
    return options.staging().writeDirectory(writeId);
  }

  private MilvusRestClient client() {
    return new MilvusRestClient(options.uri(), options.authorization(), options.requestTimeout());
  }
}
