package io.milvusimport.staging;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A part streamed to an object store whose {@code close} runs on the task's upload pool ({@link
 * PartUploads}). Closing is where S3A uploads what it buffered (the PUT, or a multipart upload's
 * last part and its completion) and deletes parent directory markers, so done in line it holds the
 * task for every round trip; in the background the task goes on encoding the group's next column
 * (or the next file) meanwhile. The writer waits for the pool before it counts the file as staged,
 * a failed close fails the task like a failed write, and a discarded task waits for it before it
 * deletes, so nothing lands after the cleanup.
 */
final class BackgroundClose extends OutputStream {
  private final OutputStream out;
  private final PartUploads uploads;
  private boolean closed;

  BackgroundClose(OutputStream out, PartUploads uploads) {
    this.out = out;
    this.uploads = uploads;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /**
   * Hands the real close to the upload pool (or, once the task's uploads have ended, closes at
   * once); a second call does nothing.
   */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      uploads.submit(out::close);
    }
  }
}
