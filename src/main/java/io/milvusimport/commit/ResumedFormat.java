package io.milvusimport.commit;

import io.milvusimport.ImportFailedException;
import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagingFileSystem;
import java.io.IOException;

/**
 * The format a resumed write staged its files in, read (read-only) from its manifest when the
 * resume is planned: a resume with the default {@code format=auto} finishes the write in the format
 * it was begun with instead of deciding again, since its files are already staged.
 */
public final class ResumedFormat {
  private ResumedFormat() {}

  /**
   * @return the recorded format, or null when there is no manifest to read it from
   * @throws ImportFailedException when the manifest cannot be read
   */
  public static String read(CommitSettings options, HadoopConf conf, String writeId) {
    if (options.manifestRoot() == null) {
      return null;
    }
    String directory = options.manifestRoot() + "/" + writeId;
    ResumeCheck check = new ResumeCheck(options, conf, writeId);
    try (StagingFileSystem fs = StagingFileSystem.open(conf, directory)) {
      return check.recordedFormat(
          new ManifestStore(fs.get(), directory, options.connection().retryPolicy()));
    } catch (IOException e) {
      throw new ImportFailedException(
          "Cannot resume write "
              + writeId
              + " now: cannot open the file system of "
              + directory
              + ": "
              + e
              + ". Nothing was imported or changed by this attempt; run it again with the same"
              + " 'resumeWriteId' once the staging storage answers.",
          e);
    }
  }
}
