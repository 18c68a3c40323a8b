package io.milvusimport.testkit.standin;

import io.milvusimport.testkit.LocalS3;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where the stand-in reads import files: object keys in its own bucket (what open-source Milvus
 * does with {@code minio.bucketName}) or local paths. Never the connector's code. Public so the
 * Zilliz control-plane stand-in can hand the same readers its volume's or object URLs' storage.
 */
public interface FileSource {
  /** Size in bytes; {@link FileNotFoundException} with the store's wording when absent. */
  long size(String path) throws IOException;

  InputStream open(String path) throws IOException;

  static FileSource s3(String endpoint, String accessKey, String secretKey, String bucket) {
    S3Client s3 = LocalS3.newClient(endpoint, accessKey, secretKey);
    return new FileSource() {
      @Override
      public long size(String key) throws IOException {
        try {
          return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (S3Exception e) {
          if (e.statusCode() == 404) {
            throw new FileNotFoundException(
                "NoSuchKey: The specified key does not exist. key=" + key + " bucket=" + bucket);
          }
          throw failure(e);
        }
      }

      @Override
      public InputStream open(String key) throws IOException {
        try {
          return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
          throw failure(e);
        }
      }
    };
  }

  private static IOException failure(S3Exception e) {
    AwsErrorDetails d = e.awsErrorDetails();
    return new IOException(d.errorCode() + ": " + d.errorMessage(), e);
  }

  static FileSource local() {
    return new FileSource() {
      @Override
      public long size(String path) throws IOException {
        try {
          return Files.size(Path.of(path));
        } catch (NoSuchFileException e) {
          throw new FileNotFoundException("open " + path + ": no such file or directory");
        }
      }

      @Override
      public InputStream open(String path) throws IOException {
        return Files.newInputStream(Path.of(path));
      }
    };
  }
}
