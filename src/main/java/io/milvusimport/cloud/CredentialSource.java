package io.milvusimport.cloud;

/**
 * Hands out a volume's upload credentials and gets fresh ones when they near their expiry or were
 * refused. The driver's implementation calls {@code apply}; an executor's shares one refresh per
 * JVM, so a write with many tasks does not apply once per task.
 */
public interface CredentialSource {
  /** Credentials with at least the refresh margin left, applying again when needed. */
  VolumeCredentials current();

  /**
   * Fresh credentials after the object store refused {@code refused} (expired or revoked).
   *
   * @throws io.milvusimport.MilvusImportException when no fresh credentials can be had
   */
  VolumeCredentials refresh(VolumeCredentials refused);
}
