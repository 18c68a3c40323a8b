package io.milvusimport.cloud;

import io.milvusimport.VolumeUploadException;

/**
 * Paths inside a volume as the SDKs form them: a target directory is {@code ""} for the root,
 * otherwise relative (no leading {@code /}) with {@code /} separators and a trailing {@code /}; an
 * object key is {@code volumePrefix + dir + relativePath}, and the import's {@code dataPaths} are
 * {@code dir + relativePath}.
 */
public final class VolumePaths {
  private VolumePaths() {}

  /**
   * The normalised target directory: {@code ""} or {@code /} is the root; {@code \} becomes {@code
   * /}; leading slashes go, a trailing one is added; {@code ..} segments are refused.
   */
  public static String directory(String dir) {
    if (dir == null) {
      return "";
    }
    String d = dir.replace('\\', '/');
    while (d.startsWith("/")) {
      d = d.substring(1);
    }
    if (d.isEmpty()) {
      return "";
    }
    for (String segment : d.split("/")) {
      if (segment.equals("..")) {
        throw new VolumeUploadException(
            "The volume path '" + dir + "' is invalid: '..' is not allowed in a volume path.");
      }
    }
    return d.endsWith("/") ? d : d + "/";
  }
}
