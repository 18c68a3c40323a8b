package io.milvusimport.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvusimport.StagingFileSystemException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.Test;

class StagingFileSystemCheckTest {
  @Test
  void hadoopAwsOfAnotherHadoopReleaseIsRefusedWithTheVersionToUse() {
    assertThat(StagingFileSystemCheck.versionProblem("3.3.4", "3.4.1"))
        .contains("hadoop-aws 3.3.4")
        .contains("Hadoop 3.4.1")
        .contains("org.apache.hadoop:hadoop-aws:3.4.1");
  }

  @Test
  void vendorBuildsCompareByTheirReleaseNumber() {
    assertThat(StagingFileSystemCheck.versionProblem("3.3.6", "3.3.6-amzn-2")).isNull();
    assertThat(StagingFileSystemCheck.versionProblem(null, "3.4.1")).isNull();
  }

  @Test
  void missingS3aImplementationNamesTheArtifactOfThisHadoop() {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.NotInstalledFileSystem");

    assertThatThrownBy(() -> StagingFileSystemCheck.check("s3a://bucket/staging", conf))
        .isInstanceOf(StagingFileSystemException.class)
        .hasMessageContaining("Option 'stagingPath' ('s3a://bucket/staging')")
        .hasMessageContaining("no file system for 's3a://'")
        .hasMessageContaining("org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion());
  }

  @Test
  void unknownSchemeIsRefusedBeforeAnyTask() {
    assertThatThrownBy(
            () -> StagingFileSystemCheck.check("nofs://bucket/staging", new Configuration()))
        .isInstanceOf(StagingFileSystemException.class)
        .hasMessageContaining("no file system for 'nofs://'");
  }

  @Test
  void theTestClassPathsHadoopAwsMatchesItsHadoop() {
    StagingFileSystemCheck.check("file:///tmp/milvus-import-check", new Configuration());
    assertThat(StagingFileSystemCheck.versionProblem("3.3.4", VersionInfo.getVersion()))
        .as("the build's hadoop-aws must match Spark's Hadoop")
        .isNull();
  }
}
