package io.milvusimport.cloud;

import io.milvusimport.MilvusImportException;
import io.milvusimport.VolumeUploadException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one local file into a volume and sees it through the faults a long upload meets:
 * transient ones (5xx, 429 {@code SlowDown}, connections refused or reset) are retried with
 * back-off, and credentials refused as expired are renewed through the {@link CredentialSource} and
 * the request sent again. Before every request (each part of a multipart upload included) the
 * source's {@link CredentialSource#current} is asked, which renews credentials near their expiry,
 * so a long upload rarely meets a refusal at all. Files above the multipart threshold go up in
 * parts of {@link #partSize}; a multipart upload that fails is aborted.
 */
public final class VolumeUploader {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeUploader.class);
  private static final long MIB = 1L << 20;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final VolumeObjectClient client;
  private final UploadSettings settings;

  public VolumeUploader(UploadSettings settings) {
    this(new VolumeObjectClient(settings), settings);
  }

  VolumeUploader(VolumeObjectClient client, UploadSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** {@code max(5 MiB, size/1000, size/10000)} rounded up to a MiB, as the SDKs part files. */
  static long partSize(long size) {
    long part = Math.max(5 * MIB, Math.max(size / 1000, size / 10000));
    return (part + MIB - 1) / MIB * MIB;
  }

  /**
   * Uploads {@code file} to {@code volumePath} (relative to the volume root, no prefix).
   *
   * @param progress told the bytes of each request that succeeded (a whole file or a part)
   */
  public void upload(CredentialSource source, String volumePath, Path file, LongConsumer progress)
      throws IOException {
    long size = Files.size(file);
    if (size <= settings.multipartThreshold()) {
      call(
          source,
          volumePath,
          file,
          creds -> {
            client.putObject(creds, creds.objectKey(volumePath), file, size);
            return null;
          });
      progress.accept(size);
      return;
    }
    long part = partSize(size);
    String uploadId =
        call(
            source,
            volumePath,
            file,
            creds -> client.createMultipart(creds, creds.objectKey(volumePath)));
    boolean done = false;
    try {
      List<String> etags = new ArrayList<>();
      for (long offset = 0; offset < size; offset += part) {
        long from = offset;
        long length = Math.min(part, size - offset);
        int number = etags.size() + 1;
        etags.add(
            call(
                source,
                volumePath,
                file,
                creds ->
                    client.uploadPart(
                        creds, creds.objectKey(volumePath), uploadId, number, file, from, length)));
        progress.accept(length);
      }
      call(
          source,
          volumePath,
          file,
          creds -> {
            client.completeMultipart(creds, creds.objectKey(volumePath), uploadId, etags);
            return null;
          });
      done = true;
    } finally {
      if (!done) {
        abort(source, volumePath, file, uploadId);
      }
    }
  }

  private void abort(CredentialSource source, String volumePath, Path file, String uploadId) {
    try {
      call(
          source,
          volumePath,
          file,
          creds -> {
            client.abortMultipart(creds, creds.objectKey(volumePath), uploadId);
            return null;
          });
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Could not abort the failed multipart upload of {}: {} (its parts expire with the"
              + " bucket's lifecycle rules)",
          volumePath,
          e.getMessage());
    }
  }

  /** One request, retried for transient faults and sent again with fresh credentials. */
  private <T> T call(CredentialSource source, String volumePath, Path file, Request<T> request)
      throws IOException {
    VolumeCredentials creds = current(source, volumePath, file);
    long backoff = settings.firstBackoffMillis();
    int failures = 0;
    boolean refreshed = false;
    while (true) {
      try {
        return request.send(creds);
      } catch (ObjectStoreException e) {
        boolean expired = creds.expiresWithin(0, System.currentTimeMillis());
        if (e.credentialsRefused(expired) && !refreshed) {
          LOG.info(
              "The object store refused the credentials of volume {} ({}); applying again",
              creds.volumeName(),
              e.code());
          creds = refresh(source, creds, volumePath, file);
          refreshed = true;
          continue;
        }
        if (!e.isTransient() || ++failures >= settings.maxAttempts()) {
          throw new VolumeUploadException(
              "Uploading "
                  + file
                  + " to volume "
                  + creds.volumeName()
                  + " as "
                  + volumePath
                  + " failed"
                  + (failures > 1 ? " after " + failures + " attempts" : "")
                  + ": "
                  + e.getMessage(),
              e);
        }
        LOG.debug("Transient fault uploading {}; retrying in {} ms", volumePath, backoff, e);
        sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        creds = current(source, volumePath, file);
        refreshed = false;
      }
    }
  }

  /** The source's credentials; a failed renewal is reported as for {@link #refresh}. */
  private static VolumeCredentials current(CredentialSource source, String volumePath, Path file) {
    try {
      return source.current();
    } catch (VolumeUploadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new VolumeUploadException(
          "Could not get fresh upload credentials for "
              + file
              + " (to "
              + volumePath
              + "): the apply failed: "
              + (e instanceof MilvusImportException ? e.getMessage() : e.toString()),
          e);
    }
  }

  private static VolumeCredentials refresh(
      CredentialSource source, VolumeCredentials refused, String volumePath, Path file) {
    try {
      return source.refresh(refused);
    } catch (RuntimeException e) {
      throw new VolumeUploadException(
          "The credentials for volume "
              + refused.volumeName()
              + " expired mid-upload of "
              + file
              + " (to "
              + volumePath
              + ") and a fresh apply failed: "
              + (e instanceof MilvusImportException ? e.getMessage() : e.toString()),
          e);
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry an upload");
    }
  }

  @FunctionalInterface
  private interface Request<T> {
    T send(VolumeCredentials creds) throws IOException;
  }
}
