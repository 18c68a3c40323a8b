package io.milvusimport;

/**
 * An upload into a Zilliz Cloud volume failed for good: the object store kept refusing after the
 * retries, the credentials expired and could not be renewed, or the files exceed what one upload
 * may hold. The message names the volume and the file; it never holds a credential.
 */
public final class VolumeUploadException extends MilvusImportException {
  private static final long serialVersionUID = 1L;

  public VolumeUploadException(String message) {
    super(message);
  }

  public VolumeUploadException(String message, Throwable cause) {
    super(message, cause);
  }
}
