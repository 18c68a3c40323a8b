package io.milvusimport.testkit.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Test helper: NPY and Parquet files built by hand for the stand-in's reader tests, from the file
 * formats' specifications (never the connector's writers). NPY: magic, version 1.0, a little-endian
 * u16 header length, the dict padded with spaces to a multiple of 64 bytes, raw data. Parquet:
 * parquet-hadoop's example {@link Group} API with a schema written out in the test, optionally with
 * an {@code ARROW:schema} key-value entry as Arrow-based writers add it.
 */
final class HandMadeFiles {
  private HandMadeFiles() {}

  static byte[] npy(String descr, boolean fortran, long[] shape, byte[] data) {
    StringBuilder dims = new StringBuilder("(");
    for (long d : shape) {
      dims.append(d).append(", ");
    }
    String tuple =
        shape.length == 1 ? "(" + shape[0] + ",)" : dims.toString().replaceAll(", $", ")");
    if (shape.length == 0) {
      tuple = "()";
    }
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': "
            + (fortran ? "True" : "False")
            + ", 'shape': "
            + tuple
            + ", }";
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length);
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    b.put(data);
    return b.array();
  }

  static byte[] npy(String descr, long[] shape, byte[] data) {
    return npy(descr, false, shape, data);
  }

  /** Little-endian bytes of {@code n} values written by {@code fill}. */
  static byte[] le(int bytes, Consumer<ByteBuffer> fill) {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    fill.accept(b);
    return b.array();
  }

  /** {@code <U n} cells (UTF-32LE, zero padded). */
  static byte[] utf32(int n, String... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * n * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (String v : values) {
      int start = b.position();
      v.codePoints().forEach(b::putInt);
      b.position(start + 4 * n);
    }
    return b.array();
  }

  /** A Parquet file from a schema text and rows filled by {@code rows}. */
  static byte[] parquet(String schema, Map<String, String> meta, Consumer<RowSink> rows) {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    try {
      java.nio.file.Path tmp = Files.createTempFile("hand-made-", ".parquet");
      try {
        try (ParquetWriter<Group> w =
            new Builder(new Path(tmp.toUri()), type, meta)
                .withConf(new Configuration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
          SimpleGroupFactory f = new SimpleGroupFactory(type);
          rows.accept(
              () -> {
                Group g = f.newGroup();
                return new GroupWrite(g, w);
              });
        }
        return Files.readAllBytes(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] parquet(String schema, Consumer<RowSink> rows) {
    return parquet(schema, Map.of(), rows);
  }

  /** {@code ARROW:schema}: base64 of the IPC schema message, as Arrow C++ stores it. */
  static Map<String, String> arrowSchema(List<Field> fields) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), new Schema(fields));
      Map<String, String> m = new HashMap<>();
      m.put("ARROW:schema", Base64.getEncoder().encodeToString(out.toByteArray()));
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates rows. */
  interface RowSink {
    GroupWrite row();
  }

  /** One row being filled; {@link #write()} appends it. */
  static final class GroupWrite {
    final Group group;
    private final ParquetWriter<Group> writer;

    GroupWrite(Group group, ParquetWriter<Group> writer) {
      this.group = group;
      this.writer = writer;
    }

    void write() {
      try {
        writer.write(group);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Group, Builder> {
    private final MessageType type;
    private final Map<String, String> meta;

    Builder(Path path, MessageType type, Map<String, String> meta) {
      super(path);
      this.type = type;
      this.meta = meta;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Group> getWriteSupport(Configuration conf) {
      return new WriteSupport<>() {
        private GroupWriter writer;

        @Override
        public WriteContext init(Configuration c) {
          return new WriteContext(type, meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer rc) {
          writer = new GroupWriter(rc, type);
        }

        @Override
        public void write(Group g) {
          writer.write(g);
        }
      };
    }
  }
}
