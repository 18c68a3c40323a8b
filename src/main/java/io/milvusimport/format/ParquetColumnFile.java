package io.milvusimport.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parquet file written row group by row group into parquet-column's column writers directly,
 * without parquet-mr's record API: its {@code MessageColumnIO} record consumer spent more time on
 * field bookkeeping per list element than on encoding the values. The callers write each row's
 * values with their repetition and definition levels into {@link #writers()} and end it with {@link
 * #endRow()}; this class does what parquet-hadoop's record writer does around that: it buffers a
 * row group's compressed pages, checks the buffered size now and then the same way, and writes the
 * row group out once it reaches the row group size, so memory stays about one row group.
 */
final class ParquetColumnFile {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetColumnFile.class);

  private final MessageType schema;
  private final ParquetProperties properties;
  private final long rowGroupBytes;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final OutputStream stream;
  private final ParquetFileWriter file;
  private final ColumnDescriptor[] descriptors;
  private final ColumnWriter[] writers;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private long rows;
  private long nextSizeCheck;
  private long rowGroupsEnd;

  /**
   * Starts the file on {@code stream}, which it owns from now on: {@link #finish()} or {@link
   * #abandon()} closes it.
   */
  ParquetColumnFile(
      OutputStream stream,
      MessageType schema,
      ParquetProperties properties,
      CompressionCodecName codec,
      long rowGroupBytes)
      throws IOException {
    this.stream = stream;
    this.schema = schema;
    this.properties = properties;
    this.rowGroupBytes = rowGroupBytes;
    List<ColumnDescriptor> columns = schema.getColumns();
    this.descriptors = columns.toArray(new ColumnDescriptor[0]);
    this.writers = new ColumnWriter[descriptors.length];
    this.codecs = new CodecFactory(new Configuration(false), properties.getPageSizeThreshold());
    try {
      this.compressor = codecs.getCompressor(codec);
      this.file =
          new ParquetFileWriter(
              new StreamOutputFile(stream),
              schema,
              ParquetFileWriter.Mode.OVERWRITE,
              rowGroupBytes,
              ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
              properties.getColumnIndexTruncateLength(),
              properties.getStatisticsTruncateLength(),
              properties.getPageWriteChecksumEnabled());
      file.start();
    } catch (IOException | RuntimeException e) {
      abandon();
      throw e;
    }
    startRowGroup();
  }

  /**
   * The writers of the current row group, one per leaf column in schema order. The array is the
   * same for the whole file; {@link #endRow()} refills it when it starts a new row group.
   */
  ColumnWriter[] writers() {
    return writers;
  }

  /** Ends the row whose values were just written, and writes the row group out when it is full. */
  void endRow() throws IOException {
    store.endRecord();
    rows++;
    if (rows >= nextSizeCheck) {
      checkRowGroupSize();
    }
  }

  /** The file's size so far: row groups written plus the current one's buffered pages. */
  long bytes() {
    return store == null ? rowGroupsEnd : rowGroupsEnd + store.getBufferedSize();
  }

  /** Writes the last row group and the footer, and closes the stream. */
  void finish() throws IOException {
    try {
      if (rows > 0) {
        writeRowGroup();
      }
      file.end(Map.of());
    } finally {
      codecs.release();
    }
  }

  /** Closes the stream of an unfinished file, which is left incomplete for the caller to delete. */
  void abandon() {
    codecs.release();
    try {
      stream.close();
    } catch (IOException e) {
      LOG.debug("Closing an abandoned Parquet file failed", e);
    }
  }

  /**
   * parquet-hadoop's check: write the row group out when one more row or two might overflow it,
   * else check again about halfway to the estimated end, and at least every so many rows (a new row
   * group is first checked after the minimum row count, as in parquet-hadoop).
   */
  private void checkRowGroupSize() throws IOException {
    long buffered = store.getBufferedSize();
    long rowBytes = Math.max(1, buffered / rows);
    long minRows = properties.getMinRowCountForPageSizeCheck();
    long maxRows = properties.getMaxRowCountForPageSizeCheck();
    if (buffered > rowGroupBytes - 2 * rowBytes) {
      writeRowGroup();
      startRowGroup();
    } else {
      long estimate = rowGroupBytes / rowBytes;
      nextSizeCheck = Math.min(Math.max(minRows, (rows + estimate) / 2), rows + maxRows);
    }
  }

  private void startRowGroup() {
    pages =
        new ColumnChunkPageWriteStore(
            compressor,
            schema,
            properties.getAllocator(),
            properties.getColumnIndexTruncateLength(),
            properties.getPageWriteChecksumEnabled());
    store = properties.newColumnWriteStore(schema, pages, pages);
    for (int i = 0; i < descriptors.length; i++) {
      writers[i] = store.getColumnWriter(descriptors[i]);
    }
    rows = 0;
    nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
  }

  private void writeRowGroup() throws IOException {
    LOG.debug("Writing a Parquet row group of {} rows, {} bytes buffered", rows, bytes());
    file.startBlock(rows);
    store.flush();
    pages.flushToFileWriter(file);
    file.endBlock();
    rowGroupsEnd = file.getPos();
    // The page store still holds the row group's pages: let them go before the next one fills.
    pages = null;
    store = null;
    Arrays.fill(writers, null);
  }
}
