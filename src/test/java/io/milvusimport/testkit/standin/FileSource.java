package io.milvusimport.testkit.standin;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.AmazonS3Exception;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the stand-in reads import files: object keys in its own bucket (what open-source Milvus
 * does with {@code minio.bucketName}) or local paths. Never the connector's code.
 */
interface FileSource {
  /** Size in bytes; {@link FileNotFoundException} with the store's wording when absent. */
  long size(String path) throws IOException;

  InputStream open(String path) throws IOException;

  static FileSource s3(String endpoint, String accessKey, String secretKey, String bucket) {
    AmazonS3 s3 =
        AmazonS3ClientBuilder.standard()
            .withEndpointConfiguration(new EndpointConfiguration(endpoint, "us-east-1"))
            .withPathStyleAccessEnabled(true)
            .withCredentials(
                new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, secretKey)))
            .build();
    return new FileSource() {
      @Override
      public long size(String key) throws IOException {
        try {
          return s3.getObjectMetadata(bucket, key).getContentLength();
        } catch (AmazonS3Exception e) {
          if (e.getStatusCode() == 404) {
            throw new FileNotFoundException(
                "NoSuchKey: The specified key does not exist. key=" + key + " bucket=" + bucket);
          }
          throw new IOException(e.getErrorCode() + ": " + e.getErrorMessage(), e);
        }
      }

      @Override
      public InputStream open(String key) throws IOException {
        try {
          return s3.getObject(bucket, key).getObjectContent();
        } catch (AmazonS3Exception e) {
          throw new IOException(e.getErrorCode() + ": " + e.getErrorMessage(), e);
        }
      }
    };
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
