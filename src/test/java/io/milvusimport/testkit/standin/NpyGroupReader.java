package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import io.milvusimport.testkit.standin.JsonRowReader.ImportFailure;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one numpy column group (the {@code .npy} paths of one inner list of an import request) the
 * way Milvus's {@code importutilv2/numpy/util.go} {@code CreateReaders} and {@code reader.go} do
 * (2.5/2.6): a file's base name without extension is the field name ({@code $meta} for the dynamic
 * field); files named after no field are ignored; an autoID primary key, a function output or an
 * Array/SparseFloatVector field must have no file; every other field needs one unless it is
 * nullable or has a default value; each header is then validated ({@link NpyColumn}) and the rows
 * are read by streaming all files in step ({@link ColumnRows}). Texts (all from util.go, wrapped as
 * "...: importing data failed"):
 *
 * <ul>
 *   <li>"the primary key '%s' is auto-generated, no need to provide"
 *   <li>"the field '%s' is output by function, no need to provide" (2.5/2.6; master words it per
 *       BM25 / non-BM25 function)
 *   <li>"unsupported importing numpy files for collection with data type: %s"
 *   <li>"no file for field: %s, files: [%s]" (Go's {@code %v} of the paths, space-separated)
 *   <li>"failed to read the file '%s', error: %s"
 * </ul>
 */
final class NpyGroupReader {
  private final CollectionSpec collection;
  private final FileSource source;

  NpyGroupReader(CollectionSpec collection, FileSource source) {
    this.collection = collection;
    this.source = source;
  }

  /** The group's rows; {@code extra} are columns read from elsewhere (seed design). */
  List<Map<String, Object>> read(List<String> paths, List<ColumnRows.Column> extra) {
    Map<FieldSpec, String> files = fieldFiles(paths, extra);
    List<Closeable> open = new ArrayList<>();
    try {
      List<ColumnRows.Column> columns = new ArrayList<>(extra);
      NpyValues values = new NpyValues(collection.timezone);
      for (Map.Entry<FieldSpec, String> e : files.entrySet()) {
        DataInputStream in = open(e.getValue());
        open.add(in);
        NpyHeader header;
        try {
          header = NpyHeader.read(in);
        } catch (IOException ex) {
          throw new ImportFailure(ex.getMessage());
        }
        NpyColumn col = new NpyColumn(e.getKey(), header, in);
        columns.add(
            new ColumnRows.Column() {
              @Override
              public FieldSpec field() {
                return col.field;
              }

              @Override
              public long rows() {
                return col.header.rows();
              }

              @Override
              public Object next() {
                return col.next(values);
              }
            });
      }
      return ColumnRows.assemble(collection, columns);
    } finally {
      for (Closeable c : open) {
        try {
          c.close();
        } catch (IOException ignored) {
          // closing a read stream
        }
      }
    }
  }

  private Map<FieldSpec, String> fieldFiles(List<String> paths, List<ColumnRows.Column> extra) {
    Map<String, String> nameToPath = new LinkedHashMap<>();
    for (String p : paths) {
      String base = p.substring(p.lastIndexOf('/') + 1);
      String ext = ImportJobs.extension(base);
      nameToPath.put(base.substring(0, base.length() - ext.length()), p);
    }
    Map<FieldSpec, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : nameToPath.entrySet()) {
      FieldSpec f = field(e.getKey());
      if (f == null) {
        continue; // redundant files are ignored
      }
      if (f.primaryKey && f.autoId) {
        throw failed("the primary key '" + f.name + "' is auto-generated, no need to provide");
      }
      if (f.functionOutput) {
        throw failed("the field '" + f.name + "' is output by function, no need to provide");
      }
      checkSupported(f);
      files.put(f, e.getValue());
    }
    List<FieldSpec> needed = new ArrayList<>();
    for (FieldSpec f : collection.fields) {
      if (!((f.primaryKey && f.autoId) || f.functionOutput || f.nullable || f.hasDefault())) {
        checkSupported(f); // Milvus iterates a map; the stand-in reports the type first
        needed.add(f);
      }
    }
    for (FieldSpec f : needed) {
      boolean elsewhere = extra.stream().anyMatch(c -> c.field().name.equals(f.name));
      if (!files.containsKey(f) && !elsewhere) {
        throw failed(
            "no file for field: "
                + f.name
                + ", files: ["
                + String.join(" ", nameToPath.values())
                + "]");
      }
    }
    return files;
  }

  private FieldSpec field(String name) {
    if (RowParser.META.equals(name)) {
      return collection.enableDynamicField ? ColumnRows.metaField() : null;
    }
    return collection.field(name);
  }

  private static void checkSupported(FieldSpec f) {
    if ("Array".equals(f.type) || "SparseFloatVector".equals(f.type)) {
      throw failed("unsupported importing numpy files for collection with data type: " + f.type);
    }
  }

  private DataInputStream open(String path) {
    try {
      return new DataInputStream(new BufferedInputStream(source.open(path), 1 << 16));
    } catch (IOException e) {
      throw failed("failed to read the file '" + path + "', error: " + e.getMessage());
    }
  }
}
