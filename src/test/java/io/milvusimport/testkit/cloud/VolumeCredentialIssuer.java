package io.milvusimport.testkit.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Zilliz control-plane stand-in's source of {@code apply} answers: the volume's object store
 * front issues short-lived credentials it will then accept for PUT, multipart and LIST only.
 */
public interface VolumeCredentialIssuer {
  /**
   * The {@code data} of an {@code apply} answer (endpoint, cloud, region, bucketName, uploadPath,
   * credentials{tmpAK, tmpSK, sessionToken, expireTime}, condition{maxContentLength,
   * maxFileNumber}, volumeName, volumePrefix); the control plane renames the volume fields for the
   * stage era.
   *
   * @param volumePrefix the object key prefix of the volume's files
   * @param path the normalised target directory ("" for the root)
   */
  ObjectNode apply(String volumeName, String volumePrefix, String path);
}
