package io.milvusimport.staging;

import io.milvusimport.cloud.CredentialSource;
import io.milvusimport.cloud.VolumePaths;
import io.milvusimport.cloud.VolumeUploader;
import io.milvusimport.format.SpillFiles;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parts staged straight into a Zilliz Cloud volume. A volume takes whole objects only (PUT or
 * multipart, never appends, never reads), so a streamed part is spilled to a local file in the
 * encoders' spill directories first ({@link SpillFiles}) and uploaded once complete; complete local
 * parts are uploaded as they are. Uploads run a few at a time ({@link PartUploads}) with the {@link
 * VolumeUploader}'s retries and credential renewal. Addresses are {@code
 * zilliz-volume://<volume>/<path in the volume>}.
 *
 * <p>The volume API cannot delete single files: parts of a failed attempt or of a file that ended
 * without rows stay in the volume. They are logged, and they are never imported (only the files
 * reported by successful tasks are); they go when the volume is deleted.
 */
public final class VolumePartSink implements PartSink {
  private static final Logger LOG = LoggerFactory.getLogger(VolumePartSink.class);

  /** The scheme of a staged part's address in a volume. */
  public static final String SCHEME = "zilliz-volume";

  private final VolumeUploader uploader;
  private final CredentialSource source;
  private final String volumeName;
  private final String directory;
  private final PartUploads uploads;
  private final List<String> uploaded = Collections.synchronizedList(new ArrayList<>());
  private Path spill;
  private int spilled;

  /**
   * @param directory the staging directory inside the volume (normalised as {@link
   *     VolumePaths#directory})
   */
  public VolumePartSink(
      VolumeUploader uploader,
      CredentialSource source,
      String volumeName,
      String directory,
      int partition) {
    this.uploader = uploader;
    this.source = source;
    this.volumeName = volumeName;
    this.directory = VolumePaths.directory(directory);
    this.uploads = new PartUploads("milvus-import-volume-upload-" + partition);
  }

  /** The address of a path inside a volume: {@code zilliz-volume://<volume>/<path>}. */
  public static String address(String volumeName, String volumePath) {
    return SCHEME + "://" + volumeName + "/" + volumePath;
  }

  @Override
  public Streamed create(String name) throws IOException {
    Path local = spillFile();
    AtomicLong size = new AtomicLong();
    // Encoders may write in small pieces; the local file behind them is a plain file.
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(local), 1 << 16);
    OutputStream out =
        new FilterOutputStream(file) {
          private boolean closed;

          @Override
          public void write(int b) throws IOException {
            file.write(b);
            size.incrementAndGet();
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            file.write(b, off, len);
            size.addAndGet(len);
          }

          @Override
          public void close() throws IOException {
            if (closed) {
              return;
            }
            closed = true;
            super.close();
            place(name, local);
          }
        };
    return new Streamed(out, size::get);
  }

  @Override
  public void place(String name, Path localFile) throws IOException {
    String volumePath = directory + name;
    uploads.submit(
        localFile,
        upload -> {
          uploader.upload(source, volumePath, upload, bytes -> {});
          uploaded.add(volumePath);
          Files.deleteIfExists(upload);
        });
  }

  @Override
  public void awaitUploads() throws IOException {
    uploads.awaitAll();
  }

  @Override
  public void endUploads() {
    uploads.close();
  }

  @Override
  public void deleteEmpty(List<String> names) {
    List<String> paths = new ArrayList<>();
    for (String name : names) {
      paths.add(directory + name);
    }
    LOG.debug(
        "Parts of an import file without rows stay in volume {} (single files cannot be"
            + " deleted), and are not imported: {}",
        volumeName,
        paths);
  }

  @Override
  public void discard(List<String> names) {
    List<String> stay;
    synchronized (uploaded) {
      stay = new ArrayList<>(uploaded);
    }
    if (!stay.isEmpty()) {
      LOG.warn(
          "{} part(s) this failed task uploaded stay in volume {} (the volume API cannot delete"
              + " single files; they are not imported and go when the volume is deleted): {}",
          stay.size(),
          volumeName,
          stay);
    }
    deleteSpill();
  }

  @Override
  public String address(String name) {
    return address(volumeName, directory + name);
  }

  @Override
  public void close() {
    deleteSpill();
  }

  private Path spillFile() throws IOException {
    if (spill == null) {
      spill = SpillFiles.newDirectory();
    }
    return spill.resolve("volume-part-" + spilled++);
  }

  private void deleteSpill() {
    SpillFiles.delete(spill);
    spill = null;
  }
}
