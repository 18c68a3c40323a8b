package io.milvusimport.bench;

import io.milvusimport.staging.HadoopConf;
import io.milvusimport.staging.StagingFileSystem;
import java.util.Iterator;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/**
 * The lower bound: each task copies its rows' vectors, as raw little-endian float32 bytes, into one
 * file through the file system staging uses ({@link StagingFileSystem}: on the local disk the raw
 * file system, without {@code .crc} sidecars), reading the same cached rows the other writers read.
 * No encoding, no framing: what is left is reading the cache and moving the bytes.
 */
final class RawVectorWriter implements VoidFunction<Iterator<InternalRow>> {
  private static final long serialVersionUID = 1L;
  private static final int BUFFER = 1 << 20;

  private final HadoopConf conf;
  private final String directory;
  private final int ordinal;

  RawVectorWriter(HadoopConf conf, String directory, int ordinal) {
    this.conf = conf;
    this.directory = directory;
    this.ordinal = ordinal;
  }

  @Override
  public void call(Iterator<InternalRow> rows) throws Exception {
    Path file = new Path(directory, "part-" + TaskContext.getPartitionId() + ".f32");
    byte[] buffer = new byte[BUFFER];
    int used = 0;
    try (StagingFileSystem fs = StagingFileSystem.open(conf, directory);
        FSDataOutputStream out = fs.get().create(file, true, BUFFER)) {
      while (rows.hasNext()) {
        ArrayData vector = rows.next().getArray(ordinal);
        int bytes = vector.numElements() * Float.BYTES;
        if (used + bytes > buffer.length) {
          out.write(buffer, 0, used);
          used = 0;
        }
        if (vector instanceof UnsafeArrayData) {
          UnsafeArrayData unsafe = (UnsafeArrayData) vector;
          long header = UnsafeArrayData.calculateHeaderPortionInBytes(vector.numElements());
          Platform.copyMemory(
              unsafe.getBaseObject(),
              unsafe.getBaseOffset() + header,
              buffer,
              Platform.BYTE_ARRAY_OFFSET + used,
              bytes);
        } else {
          for (int i = 0; i < vector.numElements(); i++) {
            Platform.putFloat(
                buffer, Platform.BYTE_ARRAY_OFFSET + used + 4L * i, vector.getFloat(i));
          }
        }
        used += bytes;
      }
      out.write(buffer, 0, used);
    }
  }
}
