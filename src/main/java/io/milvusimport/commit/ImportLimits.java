package io.milvusimport.commit;

import io.milvusimport.ImportFailedException;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.staging.StagedFile;
import java.util.List;

/**
 * The import service's limits a write must fit before any job exists, so a write never fails half
 * imported on a size: Milvus takes 16 GB per import file and 1024 files per request by default,
 * Zilliz Cloud 10 GB per file (per sub-directory for NumPy) and 1,000 files per job.
 */
public final class ImportLimits {
  /** Open-source Milvus's defaults. */
  public static final ImportLimits MILVUS =
      new ImportLimits(
          16L << 30, 1024, "Milvus's 16 GB per-file limit (dataNode.import.maxImportFileSizeInGB)");

  /** Zilliz Cloud's documented limits. */
  public static final ImportLimits ZILLIZ =
      new ImportLimits(
          10L << 30,
          1000,
          "Zilliz Cloud's 10 GB per-file limit (per sub-directory for NumPy column groups)");

  private final long maxFileBytes;
  private final int maxFilesPerJob;
  private final String fileLimitText;

  private ImportLimits(long maxFileBytes, int maxFilesPerJob, String fileLimitText) {
    this.maxFileBytes = maxFileBytes;
    this.maxFilesPerJob = maxFilesPerJob;
    this.fileLimitText = fileLimitText;
  }

  /** Bytes one import file (all parts of a column group together) may have. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** Import files one job may read. */
  public int maxFilesPerJob() {
    return maxFilesPerJob;
  }

  /**
   * @throws ImportFailedException naming the first file (or column group) over the limit and its
   *     size
   */
  void checkFileSizes(List<StagedFile> files, String writeId) {
    for (StagedFile file : files) {
      if (file.bytes() > maxFileBytes) {
        throw new ImportFailedException(
            "Staged import file "
                + file
                + " ("
                + OptionValues.human(file.bytes())
                + ") of write "
                + writeId
                + " is larger than "
                + fileLimitText
                + "; no import job was created. Lower 'maxFileSize'.");
      }
    }
  }
}
