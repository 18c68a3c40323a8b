package io.milvusimport.testkit.standin;

import static io.milvusimport.testkit.standin.JsonRowReader.failed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.milvusimport.testkit.standin.ArrowTypes.AType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads one {@code .parquet} import file as Milvus's {@code importutilv2/parquet/reader.go} does:
 * the object is copied to a local temporary file (the stand-in's own copy, never the connector's
 * code) and read with parquet-hadoop row group by row group, so memory stays bounded by a row
 * group. Columns are mapped to Arrow types ({@link ArrowTypes}, honouring {@code ARROW:schema}),
 * matched to fields ({@link ParquetSchemaCheck}) and converted ({@link ParquetValues}). A file that
 * is not Parquet fails with "new parquet reader failed" (Milvus wraps the decoder's error; its
 * exact text is inferred).
 */
final class ParquetImportReader {
  private final CollectionSpec collection;
  private final FileSource source;
  private final boolean ignoreExtraColumns;

  ParquetImportReader(CollectionSpec collection, FileSource source, boolean ignoreExtraColumns) {
    this.collection = collection;
    this.source = source;
    this.ignoreExtraColumns = ignoreExtraColumns;
  }

  List<Map<String, Object>> read(String path) throws IOException {
    Path local = Files.createTempFile("milvus-stand-in-", ".parquet");
    try {
      try (InputStream in = source.open(path)) {
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
      return readLocal(local);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  private List<Map<String, Object>> readLocal(Path local) throws IOException {
    ParquetFileReader reader;
    try {
      reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(local.toUri()), new Configuration()));
    } catch (IOException | RuntimeException e) {
      throw failed("new parquet reader failed: " + e.getMessage());
    }
    try (ParquetFileReader r = reader) {
      MessageType schema = r.getFileMetaData().getSchema();
      Map<String, AType> columns = columnTypes(schema, r.getFileMetaData().getKeyValueMetaData());
      Set<String> required = new HashSet<>();
      for (Type t : schema.getFields()) {
        if (t.isRepetition(Type.Repetition.REQUIRED)) {
          required.add(t.getName());
        }
      }
      Map<String, FieldSpec> matched =
          ParquetSchemaCheck.match(collection, columns, required, ignoreExtraColumns);
      return rows(r, schema, matched);
    }
  }

  private static Map<String, AType> columnTypes(MessageType schema, Map<String, String> kv) {
    Map<String, AType> stored = new LinkedHashMap<>();
    String arrow = kv.get("ARROW:schema");
    if (arrow != null) {
      try {
        byte[] bytes = Base64.getDecoder().decode(arrow);
        Schema s =
            MessageSerializer.deserializeSchema(
                new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))));
        for (Field f : s.getFields()) {
          stored.put(f.getName(), ArrowTypes.fromArrow(f));
        }
      } catch (IOException | RuntimeException e) {
        throw failed("get parquet schema failed, err=" + e.getMessage());
      }
    }
    Map<String, AType> out = new LinkedHashMap<>();
    for (Type t : schema.getFields()) {
      AType inferred = ArrowTypes.fromParquet(t);
      out.put(t.getName(), stored.getOrDefault(t.getName(), inferred));
    }
    return out;
  }

  private List<Map<String, Object>> rows(
      ParquetFileReader r, MessageType schema, Map<String, FieldSpec> matched) throws IOException {
    MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
    ParquetValues values = new ParquetValues(collection.timezone);
    ValueParser defaults = new ValueParser(collection.timezone);
    List<Map<String, Object>> out = new ArrayList<>();
    Map<Integer, FieldSpec> byIndex = new LinkedHashMap<>();
    for (Map.Entry<String, FieldSpec> e : matched.entrySet()) {
      byIndex.put(schema.getFieldIndex(e.getKey()), e.getValue());
    }
    PageReadStore pages;
    long rowNo = 0;
    while ((pages = r.readNextRowGroup()) != null) {
      RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
      for (long i = 0; i < pages.getRowCount(); i++, rowNo++) {
        Group g = rr.read();
        Map<String, Object> cells = new LinkedHashMap<>();
        for (Map.Entry<Integer, FieldSpec> e : byIndex.entrySet()) {
          FieldSpec f = e.getValue();
          cells.put(f.name, values.convert(f, ParquetCells.cell(g, e.getKey()), rowNo));
        }
        out.add(row(cells, defaults));
      }
    }
    return out;
  }

  private Map<String, Object> row(Map<String, Object> cells, ValueParser defaults) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (FieldSpec f : collection.fields) {
      if (f.primaryKey && f.autoId) {
        row.put(f.name, RowParser.nextAutoId());
      } else if (f.functionOutput) {
        continue;
      } else if (cells.containsKey(f.name)) {
        row.put(f.name, cells.get(f.name));
      } else {
        row.put(f.name, f.hasDefault() ? defaults.defaultValue(f) : null);
      }
    }
    if (collection.enableDynamicField) {
      Object meta = cells.get(RowParser.META);
      row.put(RowParser.META, meta == null ? JsonNodeFactory.instance.objectNode() : meta);
    }
    return row;
  }
}
