package io.milvusimport.staging;

import io.milvusimport.format.ImportFileOutput;
import io.milvusimport.format.RowFileEncoder;
import io.milvusimport.format.SkippedRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one task attempt's rows into staged import files, starting a new one once the current one
 * reaches {@code maxFileSize}. Names are unique per attempt ({@code part-<partition>-<uuid>-<n>}),
 * so a retried or speculative attempt never overwrites another's files. An import file may have
 * several parts (a column group's {@code .npy} files); all of them are tracked, whether streamed
 * through {@link #create} or moved in complete from local disk by {@link #place}.
 *
 * <p>Requests per part matter on object stores (a column group has one part per field). Measured
 * with S3A 3.3.4's statistics, {@code create(path, false)} costs a HEAD and a LIST (is there a file
 * or a directory?), then the PUT and a bulk DELETE of parent directory markers at close. Here a
 * part's size is counted as it is written (or taken from the local file before a move) instead of
 * asked with {@code getFileStatus} afterwards (a HEAD), and parts are created with {@code
 * overwrite=true}, which skips the HEAD for an existing file; overwriting cannot hit another
 * attempt's file because the names are unique per attempt. On S3A 3.3.5+ streamed parts also skip
 * the LIST and the marker DELETE ({@link HadoopPartSink}). A moved part ({@link LocalFileMove})
 * costs HEAD, LIST, PUT and DELETE, so uploads to an object store, moves and the closes of streamed
 * parts alike, run a few at a time ({@link PartUploads}) and the file is complete once all have
 * ended.
 *
 * <p>Where the parts go is a {@link PartSink}: the staging directory's Hadoop file system (all of
 * the above), or a Zilliz Cloud volume ({@link VolumePartSink}).
 */
public final class RollingFileWriter implements ImportFileOutput {
  private static final Logger LOG = LoggerFactory.getLogger(RollingFileWriter.class);

  private final PartSink sink;
  private final RowFileEncoder encoder;
  private final long maxFileSize;
  private final String namePrefix;
  private final List<StagedFile> closed = new ArrayList<>();
  private final List<String> created = new ArrayList<>();

  /** The open import file's parts and how to learn each one's size once it is complete. */
  private final Map<String, LongSupplier> currentParts = new LinkedHashMap<>();

  private String currentBase;
  private int fileCount;
  private long currentRows;

  public RollingFileWriter(
      Configuration conf,
      String directoryUri,
      int partition,
      RowFileEncoder encoder,
      long maxFileSize)
      throws IOException {
    this(new HadoopConf(conf), directoryUri, partition, encoder, maxFileSize);
  }

  /** Stages through the write's file system ({@link StagingFileSystem}); {@link #close} ends it. */
  public RollingFileWriter(
      HadoopConf conf, String directoryUri, int partition, RowFileEncoder encoder, long maxFileSize)
      throws IOException {
    this(new HadoopPartSink(conf, directoryUri, partition), partition, encoder, maxFileSize);
  }

  /** Stages into {@code sink}; {@link #close} closes it. */
  public RollingFileWriter(PartSink sink, int partition, RowFileEncoder encoder, long maxFileSize) {
    this.sink = sink;
    this.encoder = encoder;
    this.maxFileSize = maxFileSize;
    String attempt = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    this.namePrefix = String.format(Locale.ROOT, "part-%05d-%s", partition, attempt);
  }

  public void write(InternalRow row, long rowIndex) throws IOException {
    if (currentBase == null) {
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
    try {
      closeCurrent();
    } finally {
      // Uploads read from the encoder's spill directory, which closing the encoder deletes.
      sink.endUploads();
      encoder.close();
    }
    return List.copyOf(closed);
  }

  /**
   * Closes the file system if the write opened its own (after {@link #finish} or {@link #discard}).
   */
  public void close() {
    sink.close();
  }

  /** Rows the encoder skipped ({@code invalidRows=skip}). */
  public SkippedRows skipped() {
    return encoder.skipped();
  }

  /** Rows written so far, in closed files and the open one. */
  public long rowsWritten() {
    long rows = currentRows;
    for (StagedFile file : closed) {
      rows += file.rows();
    }
    return rows;
  }

  /** The import files closed so far. */
  public List<StagedFile> closedFiles() {
    return Collections.unmodifiableList(closed);
  }

  /** Import files closed so far. */
  public int filesClosed() {
    return closed.size();
  }

  /** Bytes of the import files closed so far. */
  public long bytesClosed() {
    long bytes = 0;
    for (StagedFile file : closed) {
      bytes += file.bytes();
    }
    return bytes;
  }

  /**
   * Deletes every file this attempt created, once its uploads have ended; failures are logged, not
   * thrown. A cancelled task gets here on an interrupted thread, where Hadoop's clients refuse to
   * work, so the flag is cleared for the cleanup and set again afterwards.
   */
  public void discard() {
    boolean interrupted = Thread.interrupted();
    try {
      sink.endUploads();
      interrupted |= Thread.interrupted();
      encoder.close();
      currentBase = null;
      sink.discard(created);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean rollIfOver(long bytesWithRow) throws IOException {
    if (currentBase == null || currentRows == 0 || bytesWithRow <= maxFileSize) {
      return false;
    }
    closeCurrent();
    open();
    return true;
  }

  @Override
  public OutputStream create(String suffix) throws IOException {
    String part = track(suffix);
    PartSink.Streamed out = sink.create(part);
    currentParts.put(part, out.size);
    return out.out;
  }

  @Override
  public void place(String suffix, java.nio.file.Path localFile) throws IOException {
    String part = track(suffix);
    long size = Files.size(localFile);
    currentParts.put(part, () -> size);
    sink.place(part, localFile);
  }

  /**
   * Records a new part before it exists, so {@link #discard} deletes it even if creating it fails
   * half-way: a single-file part itself, or a group's directory with its first part.
   */
  private String track(String suffix) {
    String part = currentBase + suffix;
    if (suffix.startsWith("/") && currentParts.isEmpty()) {
      created.add(currentBase);
    } else if (!suffix.startsWith("/")) {
      created.add(part);
    }
    currentParts.put(part, () -> 0L);
    return part;
  }

  private void open() throws IOException {
    currentBase = String.format(Locale.ROOT, "%s-%05d", namePrefix, fileCount++);
    currentParts.clear();
    currentRows = 0;
    encoder.start(this);
  }

  private void closeCurrent() throws IOException {
    if (currentBase == null) {
      return;
    }
    try {
      encoder.finish();
      sink.awaitUploads();
    } finally {
      currentBase = null;
    }
    if (currentRows == 0) {
      sink.deleteEmpty(List.copyOf(currentParts.keySet()));
      return;
    }
    List<String> uris = new ArrayList<>(currentParts.size());
    long bytes = 0;
    for (Map.Entry<String, LongSupplier> part : currentParts.entrySet()) {
      bytes += part.getValue().getAsLong();
      uris.add(sink.address(part.getKey()));
    }
    closed.add(new StagedFile(uris, currentRows, bytes));
    LOG.debug("Staged {} ({} rows, {} bytes)", uris, currentRows, bytes);
  }
}
