package io.milvusimport.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The volume paths of {@code import create}: its {@code --path} values, then the lines of {@code
 * --paths-from FILE} (or stdin for {@code -}), so the {@code dataPaths} a {@code volume upload}
 * printed can be piped in however many there are. Blank lines and lines starting {@code #} are
 * skipped; surrounding spaces are trimmed.
 */
final class DataPathList {
  private DataPathList() {}

  static List<String> read(List<String> given, String from, InputStream stdin) {
    List<String> paths = new ArrayList<>(given);
    if (from == null) {
      return paths;
    }
    try (BufferedReader lines =
        new BufferedReader(
            from.equals("-")
                ? new InputStreamReader(uncloseable(stdin), StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(from), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String path = line.trim();
        if (!path.isEmpty() && !path.startsWith("#")) {
          paths.add(path);
        }
      }
    } catch (IOException e) {
      throw new UsageException(
          "--paths-from "
              + from
              + ": cannot read "
              + (from.equals("-") ? "stdin" : "the file")
              + ": "
              + e.getMessage());
    }
    if (paths.size() == given.size()) {
      throw new UsageException("--paths-from " + from + " holds no path.");
    }
    return paths;
  }

  /** Closing the reader must not close the process's stdin. */
  private static InputStream uncloseable(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }
}
