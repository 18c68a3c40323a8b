package io.milvusimport.testkit.standin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one row-based {@code .json} import file the way Milvus's {@code
 * internal/util/importutilv2/json/reader.go} does (2.4-2.6): top level {@code {"rows": [...]}} or a
 * bare list {@code [...]}; every row is decoded on its own and validated by {@link RowParser}. A
 * JSON-lines file (Spark's {@code part-*.json}) fails because its first key is not {@code rows}.
 * Reasons are Milvus's texts; each throws {@link ImportFailure}.
 */
final class JsonRowReader {
  private final RowParser rowParser;

  JsonRowReader(CollectionSpec collection) {
    this.rowParser = new RowParser(collection);
  }

  /** All rows of the file, converted to the stand-in's row values. */
  List<Map<String, Object>> read(InputStream in) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (JsonParser p = GoJson.FACTORY.createParser(in)) {
      JsonToken t = nextOrFail(p, "init failed, failed to decode JSON, error: ");
      if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
        throw failed("invalid JSON format, the content should be started with '{' or '['");
      }
      if (t == JsonToken.START_OBJECT) {
        JsonToken k = nextOrFail(p, "failed to decode the JSON file, error: ");
        if (k == JsonToken.END_OBJECT) {
          return rows; // {} : nothing to read
        }
        String key = p.getCurrentName();
        if (!"rows".equals(key.toLowerCase(Locale.ROOT))) {
          throw failed("invalid JSON format, the root key should be 'rows', but get '" + key + "'");
        }
        if (nextOrFail(p, "failed to decode the JSON file, error: ") != JsonToken.START_ARRAY) {
          throw failed("invalid JSON format, rows list should begin with '['");
        }
      }
      while (true) {
        JsonToken v;
        try {
          v = p.nextToken();
        } catch (IOException e) {
          throw failed("failed to parse row, error: " + firstLine(e));
        }
        if (v == JsonToken.END_ARRAY) {
          break;
        }
        if (v == null) {
          throw failed("failed to decode JSON, error: unexpected EOF");
        }
        Object raw;
        try {
          raw = GoJson.readValue(p);
        } catch (GoJson.SyntaxError e) {
          throw failed("failed to parse row, error: " + e.getMessage());
        } catch (IOException e) {
          throw failed("failed to parse row, error: " + firstLine(e));
        }
        rows.add(rowParser.parse(raw));
      }
      return rows;
    } catch (IOException e) {
      throw failed("failed to decode JSON, error: " + firstLine(e));
    }
  }

  private static JsonToken nextOrFail(JsonParser p, String prefix) {
    try {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw failed(prefix + "EOF");
      }
      return t;
    } catch (IOException e) {
      throw failed(prefix + firstLine(e));
    }
  }

  private static String firstLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  static ImportFailure failed(String msg) {
    return new ImportFailure(MilvusErrors.importFailedText(msg));
  }

  /** A data error that fails the import job with {@code reason}. */
  static final class ImportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImportFailure(String reason) {
      super(reason, null, false, false);
    }
  }
}
