package io.milvusimport.testkit.standin;

import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates one import file (one inner list of a request) as Milvus's import does: size
 * limit, supported type, the reader of its extension, and Milvus's failure texts. Shared by the
 * stand-in's own jobs and, through {@link MilvusStandIn#readImportFile}, by the Zilliz
 * control-plane stand-in, so both read files the same way.
 */
public final class ImportFileRead {
  private static final Logger LOG = LoggerFactory.getLogger(ImportFileRead.class);

  /** The file's size and rows, or the reason it fails the job. */
  public final long size;

  public final List<Map<String, Object>> rows;
  public final String failure;

  private ImportFileRead(long size, List<Map<String, Object>> rows, String failure) {
    this.size = size;
    this.rows = rows;
    this.failure = failure;
  }

  static ImportFileRead read(
      ImportFileReaders readers,
      FileSource source,
      long maxFileSizeBytes,
      CollectionSpec collection,
      List<String> paths) {
    String path = paths.get(0);
    String ext = ImportJobs.extension(path);
    long size = 0;
    String reason;
    try {
      for (String p : paths) {
        size += source.size(p);
      }
      if (size > maxFileSizeBytes) {
        reason =
            "The import file size has reached the maximum limit allowed for importing, "
                + "fileSize="
                + size
                + ", maxSize="
                + maxFileSizeBytes;
      } else if (!ImportFileReaders.supports(ext)) {
        reason = "import of '" + ext + "' files is not supported by this stand-in yet (not Milvus)";
      } else {
        return new ImportFileRead(size, readers.read(collection, paths), null);
      }
    } catch (FileNotFoundException e) {
      reason =
          ".json".equals(ext)
              ? MilvusErrors.importFailedText(
                  "read json file failed, path=" + path + ", err=" + e.getMessage())
              : e.getMessage(); // the storage error, unwrapped (inferred)
    } catch (ImportFailure e) {
      reason = e.getMessage();
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} reading {} failed", RestRouter.TAG, paths, e);
      reason =
          MilvusErrors.importFailedText(
              "read "
                  + ext.substring(Math.min(1, ext.length()))
                  + " file failed, path="
                  + path
                  + ", err="
                  + e.getMessage());
    }
    return new ImportFileRead(size, List.of(), reason);
  }
}
