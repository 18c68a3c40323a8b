package io.milvusimport.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;

/**
 * S3A whose uploads from local files take {@value #UPLOAD_MILLIS} ms and, like S3A's transfer
 * manager, keep going when the waiting thread is interrupted: the caller gets an {@link
 * InterruptedIOException} at once and the object lands later. Selected per write with {@code
 * .option("fs.minio.impl", LateLandingS3A.class.getName())} and a {@code minio://} staging path, so
 * no other test's file system changes.
 */
public class LateLandingS3A extends S3AFileSystem {
  static final long UPLOAD_MILLIS = 300;

  private final ExecutorService transfers =
      Executors.newCachedThreadPool(
          work -> {
            Thread thread = new Thread(work, "late-landing-transfer");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  public void copyFromLocalFile(boolean delSrc, boolean overwrite, Path src, Path dst)
      throws IOException {
    Future<?> transfer =
        transfers.submit(
            () -> {
              Thread.sleep(UPLOAD_MILLIS);
              super.copyFromLocalFile(delSrc, overwrite, src, dst);
              return null;
            });
    try {
      transfer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted uploading " + dst + " (the upload goes on)");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException
          ? (IOException) e.getCause()
          : new IOException(e.getCause());
    }
  }
}
