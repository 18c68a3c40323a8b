package io.milvusimport;

/**
 * The staging path's file system cannot be used from this Spark installation: its implementation
 * (hadoop-aws for {@code s3a://}) is missing, of another Hadoop version, or fails to start. Raised
 * on the driver before Milvus is called or any task runs, so the fix (which artifact and version to
 * add) comes before anything else happens.
 */
public final class StagingFileSystemException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public StagingFileSystemException(String message, Throwable cause) {
    super(message, cause);
  }
}
