package io.milvusimport.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The write's Spark UI metrics (DSv2 custom metrics), summed over tasks: rows written, bytes and
 * files staged, invalid rows skipped. Spark instantiates each class by name on the driver, so they
 * are public with no-argument constructors.
 */
public final class StagingMetrics {
  static final String ROWS = "milvusRowsWritten";
  static final String BYTES = "milvusBytesStaged";
  static final String FILES = "milvusFilesStaged";
  static final String SKIPPED = "milvusInvalidRowsSkipped";

  private StagingMetrics() {}

  static CustomMetric[] supported() {
    return new CustomMetric[] {
      new RowsWritten(), new BytesStaged(), new FilesStaged(), new InvalidRowsSkipped()
    };
  }

  static CustomTaskMetric[] values(long rows, long bytes, long files, long skipped) {
    return new CustomTaskMetric[] {
      value(ROWS, rows), value(BYTES, bytes), value(FILES, files), value(SKIPPED, skipped)
    };
  }

  private static CustomTaskMetric value(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  /** Rows staged for import. */
  public static final class RowsWritten extends CustomSumMetric {
    @Override
    public String name() {
      return ROWS;
    }

    @Override
    public String description() {
      return "milvus-import rows written";
    }
  }

  /** Bytes of closed import files. */
  public static final class BytesStaged extends CustomSumMetric {
    @Override
    public String name() {
      return BYTES;
    }

    @Override
    public String description() {
      return "milvus-import bytes staged";
    }
  }

  /** Closed import files. */
  public static final class FilesStaged extends CustomSumMetric {
    @Override
    public String name() {
      return FILES;
    }

    @Override
    public String description() {
      return "milvus-import files staged";
    }
  }

  /** Rows left out by {@code invalidRows=skip}. */
  public static final class InvalidRowsSkipped extends CustomSumMetric {
    @Override
    public String name() {
      return SKIPPED;
    }

    @Override
    public String description() {
      return "milvus-import invalid rows skipped";
    }
  }
}
