package io.milvusimport.spark;

import static io.milvusimport.spark.ImportedRows.assertExactlyOnce;
import static io.milvusimport.spark.ImportedRows.s3Staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.milvusimport.testkit.ImportTestBed;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fs.*} write options are the settings staging uses, even when the JVM already holds
 * Hadoop's cached file system for the bucket; and staging leaves that shared instance as it found
 * it.
 */
@Tag("e2e")
class FsOptionsWriteTest {
  private static final int DIM = 4;
  private static final String WRONG_SECRET = "not-the-secret-4711";
  private static ImportTestBed bed;

  @BeforeAll
  static void startStack() {
    bed = ImportTestBed.start();
  }

  @AfterAll
  static void stopStack() {
    bed.close();
  }

  @Test
  void wrongSecretKeyGivenAsWriteOptionIsUsedAndFailsTheWriteWithoutShowingIt() {
    String collection = bed.createDocsCollection(DIM);
    // A first write caches the session's S3A instance for the bucket.
    bed.writer(bed.docs(10, DIM, 1), collection, s3Staging("fs-cached")).save();
    assertExactlyOnce(bed.imported(collection), 10, DIM);
    String second = bed.createDocsCollection(DIM);

    Throwable failure =
        catchThrowable(
            () ->
                bed.writer(bed.docs(10, DIM, 1), second, s3Staging("fs-wrong-key"))
                    .option("fs.s3a.secret.key", WRONG_SECRET)
                    // The SDK takes SignatureDoesNotMatch for clock skew and retries 20 times.
                    .option("fs.s3a.attempts.maximum", "0")
                    .save());

    assertThat(failure).as("write with a wrong secret key").isNotNull();
    assertThat(failure).hasStackTraceContaining("403");
    assertThat(stackTrace(failure)).doesNotContain(WRONG_SECRET);
    assertThat(bed.imported(second)).isEmpty();
    assertThat(bed.stagedKeys("fs-wrong-key/")).isEmpty();
  }

  @Test
  void localStagingLeavesChecksumsOnForTheJvmsSharedLocalFileSystem(@TempDir Path dir)
      throws Exception {
    try (ImportTestBed local = ImportTestBed.startLocalStorage()) {
      String collection = local.createDocsCollection(DIM);
      local
          .writer(local.docs(10, DIM, 1), collection, dir.resolve("staging").toUri().toString())
          .option("format", "npy")
          .save();
      assertExactlyOnce(local.imported(collection), 10, DIM);

      // Another job in the same JVM writes through Hadoop's cached local file system.
      FileSystem shared =
          FileSystem.get(dir.toUri(), local.spark().sparkContext().hadoopConfiguration());
      try (OutputStream out = shared.create(new org.apache.hadoop.fs.Path(dir.toUri() + "/x"))) {
        out.write(1);
      }
      assertThat(Files.exists(dir.resolve(".x.crc"))).as("checksum of the other job").isTrue();
    }
  }

  private static String stackTrace(Throwable failure) {
    java.io.StringWriter text = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }
}
