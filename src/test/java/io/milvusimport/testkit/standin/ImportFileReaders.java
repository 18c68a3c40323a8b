package io.milvusimport.testkit.standin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the reader for one import file (one inner list of a request) by extension, as Milvus's
 * {@code importutilv2.NewReader} does: {@code .json} row-based ({@link JsonRowReader}), {@code
 * .npy} column groups ({@link NpyGroupReader}), {@code .parquet} ({@link ParquetImportReader}). In
 * the stand-in's seed-design mode a group may also be one column-based {@code .json} plus {@code
 * .npy} files ({@link SeedDesignReader}); {@link ImportEndpoints} lets such groups through only in
 * that mode, as current Milvus rejects mixed extensions when the job is created.
 */
final class ImportFileReaders {
  /** Reader behaviour switches, set from {@link MilvusStandIn.Builder}. */
  static final class Settings {
    boolean seedDesign;
    boolean parquetIgnoresExtraColumns;
  }

  private final FileSource source;
  private final Settings settings;

  ImportFileReaders(FileSource source, Settings settings) {
    this.source = source;
    this.settings = settings;
  }

  /** Whether this stand-in reads files of that extension at all. */
  static boolean supports(String ext) {
    return ".json".equals(ext) || ".npy".equals(ext) || ".parquet".equals(ext);
  }

  List<Map<String, Object>> read(CollectionSpec c, List<String> paths) throws IOException {
    List<String> json = new ArrayList<>();
    List<String> npy = new ArrayList<>();
    for (String p : paths) {
      (".json".equals(ImportJobs.extension(p)) ? json : npy).add(p);
    }
    if (settings.seedDesign && json.size() == 1 && !npy.isEmpty()) {
      return new SeedDesignReader(c, source).read(json.get(0), npy);
    }
    String ext = ImportJobs.extension(paths.get(0));
    switch (ext) {
      case ".npy":
        return new NpyGroupReader(c, source).read(paths, List.of());
      case ".parquet":
        return new ParquetImportReader(c, source, settings.parquetIgnoresExtraColumns)
            .read(paths.get(0));
      default:
        try (InputStream in = source.open(paths.get(0))) {
          return new JsonRowReader(c).read(in);
        }
    }
  }
}
