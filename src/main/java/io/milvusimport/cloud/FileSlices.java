package io.milvusimport.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Request bodies read straight from a range of a local file, so a multipart part is never held in
 * memory, and a retried request reads its range again from the file.
 */
final class FileSlices {
  private FileSlices() {}

  /** A body reading {@code length} bytes of the file from {@code offset}, opened per attempt. */
  static HttpRequest.BodyPublisher body(Path file, long offset, long length) {
    if (length == 0) {
      // fromPublisher wants a positive length; an empty file is an empty PUT.
      return HttpRequest.BodyPublishers.noBody();
    }
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }),
        length);
  }

  /** Reads at most {@code limit} bytes of a stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
