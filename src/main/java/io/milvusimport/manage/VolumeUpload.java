package io.milvusimport.manage;

import io.milvusimport.VolumeUploadException;
import io.milvusimport.cloud.CredentialSource;
import io.milvusimport.cloud.UploadSettings;
import io.milvusimport.cloud.VolumeCredentials;
import io.milvusimport.cloud.VolumePaths;
import io.milvusimport.cloud.VolumeUploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads local files and folders into a volume directory, for the command line's {@code volume
 * upload} and the Java API: folders keep their sub-folders (the key rule of the SDKs: {@code
 * volumePrefix + dir + relativePath}), the {@code apply}'s limits are checked before the first byte
 * goes up, a few files go up at once, progress is reported after every request, and the result is
 * the {@code dataPaths} an import of the upload needs. It is Spark-free, and takes its credentials
 * from a {@link CredentialSource} applied for the same directory.
 */
public final class VolumeUpload {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeUpload.class);

  /** Files uploading at once: enough to hide request latency on small files. */
  public static final int PARALLEL = 4;

  private final CredentialSource source;
  private final VolumeUploader uploader;
  private final int parallel;

  public VolumeUpload(CredentialSource source, UploadSettings settings) {
    this(source, new VolumeUploader(settings), PARALLEL);
  }

  public VolumeUpload(CredentialSource source, VolumeUploader uploader, int parallel) {
    this.source = source;
    this.uploader = uploader;
    this.parallel = Math.max(1, parallel);
  }

  /** One local file and its path in the volume. */
  static final class Entry {
    final Path file;
    final String volumePath;
    final long size;

    Entry(Path file, String volumePath, long size) {
      this.file = file;
      this.volumePath = volumePath;
      this.size = size;
    }
  }

  /**
   * Uploads {@code locals} (files, or folders whose sub-folders are kept) into {@code dir}.
   *
   * @param dir the target directory in the volume, normalised as {@link VolumePaths#directory} (the
   *     credential source must be applied for the same directory)
   * @param listener told the progress after every finished request, one call at a time
   * @return the {@code dataPaths} to import: one per file, or one per folder of {@code .npy} files
   *     (a column group)
   * @throws VolumeUploadException when a local path is missing or empty, the upload exceeds the
   *     apply's limits (before anything is sent), or an upload failed for good
   */
  public List<String> upload(String dir, List<Path> locals, Consumer<UploadProgress> listener) {
    String target = VolumePaths.directory(dir);
    List<Entry> entries = plan(target, locals);
    VolumeCredentials creds = source.current();
    checkLimits(creds, entries);
    long total = entries.stream().mapToLong(e -> e.size).sum();
    LOG.info(
        "Uploading {} files ({}) to volume {} under '{}'",
        entries.size(),
        UploadProgress.size(total),
        creds.volumeName(),
        target);
    run(creds.volumeName(), entries, new Tracker(total, entries.size(), listener));
    return dataPaths(entries, target);
  }

  /** The files to upload and their volume paths, in a stable order. */
  static List<Entry> plan(String dir, List<Path> locals) {
    if (locals.isEmpty()) {
      throw new VolumeUploadException("Nothing to upload: no local file or folder was given.");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Path local : locals) {
      if (Files.isRegularFile(local)) {
        add(entries, local, dir + local.getFileName());
      } else if (Files.isDirectory(local)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(local)) {
          files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list the folder " + local, e);
        }
        if (files.isEmpty()) {
          throw new VolumeUploadException("Nothing to upload: the folder " + local + " is empty.");
        }
        for (Path file : files) {
          String relative = local.relativize(file).toString().replace('\\', '/');
          add(entries, file, dir + relative);
        }
      } else {
        throw new VolumeUploadException(
            "Cannot upload " + local + ": no such file or folder on this machine.");
      }
    }
    return new ArrayList<>(entries.values());
  }

  private static void add(Map<String, Entry> entries, Path file, String volumePath) {
    try {
      Entry previous = entries.put(volumePath, new Entry(file, volumePath, Files.size(file)));
      if (previous != null) {
        throw new VolumeUploadException(
            "Both "
                + previous.file
                + " and "
                + file
                + " would be uploaded as "
                + volumePath
                + ": upload them into different directories.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the size of " + file, e);
    }
  }

  /** Refuses an upload over the apply's {@code maxContentLength} or {@code maxFileNumber}. */
  static void checkLimits(VolumeCredentials creds, List<Entry> entries) {
    long total = entries.stream().mapToLong(e -> e.size).sum();
    if (creds.maxContentLength() >= 0 && total > creds.maxContentLength()) {
      throw new VolumeUploadException(
          String.format(
              Locale.ROOT,
              "Cannot upload %d files of %d bytes (%s) to volume %s: one upload may hold at most"
                  + " %d bytes (maxContentLength of the volume's apply). Nothing was uploaded;"
                  + " split the files into smaller uploads.",
              entries.size(),
              total,
              UploadProgress.size(total),
              creds.volumeName(),
              creds.maxContentLength()));
    }
    if (creds.maxFileNumber() >= 0 && entries.size() > creds.maxFileNumber()) {
      throw new VolumeUploadException(
          String.format(
              Locale.ROOT,
              "Cannot upload %d files of %d bytes to volume %s: one upload may hold at most %d"
                  + " files (maxFileNumber of the volume's apply). Nothing was uploaded; split the"
                  + " files into smaller uploads.",
              entries.size(),
              total,
              creds.volumeName(),
              creds.maxFileNumber()));
    }
  }

  private void run(String volume, List<Entry> entries, Tracker tracker) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallel, entries.size()),
            work -> {
              Thread thread = new Thread(work, "milvus-import-volume-upload");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (Entry entry : entries) {
        uploads.add(
            pool.submit(
                () -> {
                  uploader.upload(source, entry.volumePath, entry.file, tracker::bytes);
                  tracker.fileDone();
                  return null;
                }));
      }
      for (Future<?> upload : uploads) {
        try {
          upload.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw failed(volume, entries.size(), tracker, e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VolumeUploadException("Interrupted while uploading to volume " + volume, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static VolumeUploadException failed(
      String volume, int files, Tracker tracker, Throwable cause) {
    String stays =
        tracker.filesDone() == 0
            ? ""
            : " "
                + tracker.filesDone()
                + " of "
                + files
                + " files were uploaded before and stay in the volume (single files cannot be"
                + " deleted; uploading again overwrites them).";
    String message =
        cause instanceof VolumeUploadException
            ? cause.getMessage()
            : "Uploading to volume " + volume + " failed: " + cause;
    return new VolumeUploadException(message + stays, cause);
  }

  /** {@code dir + relativePath} per file; a folder of {@code .npy} files counts once. */
  static List<String> dataPaths(List<Entry> entries, String dir) {
    Set<String> paths = new LinkedHashSet<>();
    for (Entry entry : entries) {
      String path = entry.volumePath;
      int slash = path.lastIndexOf('/');
      if (path.endsWith(".npy") && slash >= 0) {
        paths.add(path.substring(0, slash + 1));
      } else {
        paths.add(path);
      }
    }
    return new ArrayList<>(paths);
  }

  /** Counts progress from the upload threads and tells the listener, one call at a time. */
  private static final class Tracker {
    private final long total;
    private final int files;
    private final Consumer<UploadProgress> listener;
    private final long start = System.nanoTime();
    private long bytes;
    private int done;

    Tracker(long total, int files, Consumer<UploadProgress> listener) {
      this.total = total;
      this.files = files;
      this.listener = listener;
    }

    synchronized void bytes(long n) {
      bytes += n;
      listener.accept(new UploadProgress(bytes, total, done, files, System.nanoTime() - start));
    }

    synchronized void fileDone() {
      done++;
      listener.accept(new UploadProgress(bytes, total, done, files, System.nanoTime() - start));
    }

    synchronized int filesDone() {
      return done;
    }
  }
}
