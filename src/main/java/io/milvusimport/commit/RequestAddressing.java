package io.milvusimport.commit;

import io.milvusimport.staging.ObjectUrls;
import io.milvusimport.staging.StagedFile;
import io.milvusimport.staging.StagingLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * How a staged import file is named in an import request, which depends on who reads it: Milvus
 * reads keys of its own bucket (one per part of a column group), Zilliz Cloud reads object URLs of
 * the user's bucket or data paths of a volume (a column group by its folder, ending with {@code
 * /}). The commit protocol is the same for all three; only this naming differs.
 */
public interface RequestAddressing {
  /** The inner list of the import request for {@code file}. */
  List<String> paths(StagedFile file);

  /** Milvus: keys inside its bucket (or local paths), one per part, as Milvus's readers want. */
  static RequestAddressing milvusKeys(StagingLocation staging) {
    return file -> {
      List<String> paths = new ArrayList<>(file.uris().size());
      for (String uri : file.uris()) {
        paths.add(staging.milvusPath(uri));
      }
      return paths;
    };
  }

  /** Zilliz Cloud from the user's bucket: {@code objectUrls} ({@code s3://b/k}, {@code gs://}). */
  static RequestAddressing objectUrls() {
    return file -> List.of(ObjectUrls.url(groupOrFile(file)));
  }

  /** Zilliz Cloud from a volume: {@code dataPaths} relative to the volume's root. */
  static RequestAddressing volumeDataPaths(String volume) {
    return file -> List.of(ObjectUrls.volumeDataPath(groupOrFile(file), volume));
  }

  /** A column group's folder (ending with {@code /}), or the single file. */
  private static String groupOrFile(StagedFile file) {
    String folder = ObjectUrls.npyGroupFolder(file.uris());
    if (folder != null) {
      return folder;
    }
    if (file.uris().size() != 1) {
      throw new IllegalArgumentException(
          "Zilliz Cloud reads one file or one NumPy folder per import file, not " + file);
    }
    return file.uris().get(0);
  }
}
