package io.milvusimport.staging;

import io.milvusimport.format.RowFileEncoder;
import io.milvusimport.format.SkippedRows;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one task attempt's rows into staged files, starting a new file once the current one
 * reaches {@code maxFileSize}. Names are unique per attempt ({@code part-<partition>-<uuid>-<n>}),
 * so a retried or speculative attempt never overwrites another's files.
 */
public final class RollingFileWriter {
  private static final Logger LOG = LoggerFactory.getLogger(RollingFileWriter.class);

  private final FileSystem fs;
  private final Path directory;
  private final RowFileEncoder encoder;
  private final long maxFileSize;
  private final String namePrefix;
  private final List<StagedFile> closed = new ArrayList<>();
  private final List<Path> created = new ArrayList<>();
  private Path current;
  private long currentRows;

  public RollingFileWriter(
      Configuration conf,
      String directoryUri,
      int partition,
      RowFileEncoder encoder,
      long maxFileSize)
      throws IOException {
    this.directory = new Path(directoryUri);
    this.fs = directory.getFileSystem(conf);
    this.fs.setWriteChecksum(false);
    this.encoder = encoder;
    this.maxFileSize = maxFileSize;
    String attempt = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    this.namePrefix = String.format(Locale.ROOT, "part-%05d-%s", partition, attempt);
  }

  public void write(InternalRow row, long rowIndex) throws IOException {
    if (current == null) {
      open();
    }
    if (!encoder.write(row, rowIndex)) {
      return;
    }
    currentRows++;
    if (encoder.bytes() >= maxFileSize) {
      closeCurrent();
    }
  }

  /** Closes the open file, if any, and returns every file this attempt completed. */
  public List<StagedFile> finish() throws IOException {
    closeCurrent();
    return List.copyOf(closed);
  }

  /** Rows the encoder skipped ({@code invalidRows=skip}). */
  public SkippedRows skipped() {
    return encoder.skipped();
  }

  /** Deletes every file this attempt created; failures are logged, not thrown. */
  public void discard() {
    if (current != null) {
      try {
        encoder.finish();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Closing {} before deleting it failed", current, e);
      }
      current = null;
    }
    for (Path path : created) {
      try {
        fs.delete(path, false);
      } catch (IOException e) {
        LOG.warn("Could not delete staged file {} of an aborted task: {}", path, e.toString());
      }
    }
  }

  private void open() throws IOException {
    String name =
        String.format(Locale.ROOT, "%s-%05d%s", namePrefix, created.size(), encoder.extension());
    current = new Path(directory, name);
    created.add(current);
    OutputStream out = fs.create(current, false);
    encoder.start(out);
    currentRows = 0;
  }

  private void closeCurrent() throws IOException {
    if (current == null) {
      return;
    }
    Path path = current;
    current = null;
    encoder.finish();
    if (currentRows == 0) {
      fs.delete(path, false);
      return;
    }
    long bytes = fs.getFileStatus(path).getLen();
    closed.add(new StagedFile(fs.makeQualified(path).toString(), currentRows, bytes));
    LOG.debug("Staged {} ({} rows, {} bytes)", path, currentRows, bytes);
  }
}
