package io.milvusimport.spark;

import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.Snapshot;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Snapshots and restore jobs as Spark rows, one field per column, shared by the DataFrame listings
 * ({@code list=snapshots|restoreJobs}) and the catalog's procedures so both fronts show the same
 * columns.
 */
public final class ManagementRows {
  /** The columns of a {@link Snapshot}. */
  public static final StructType SNAPSHOT =
      new StructType()
          .add("name", DataTypes.StringType, false)
          .add("description", DataTypes.StringType, false)
          .add("database", DataTypes.StringType, false)
          .add("collection", DataTypes.StringType, false)
          .add("partitions", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("createdAt", DataTypes.TimestampType, false)
          .add("createTs", DataTypes.LongType, false)
          .add("location", DataTypes.StringType, false);

  /** The columns of a {@link RestoreJob}. */
  public static final StructType RESTORE_JOB =
      new StructType()
          .add("jobId", DataTypes.StringType, false)
          .add("snapshot", DataTypes.StringType, false)
          .add("targetDatabase", DataTypes.StringType, false)
          .add("targetCollection", DataTypes.StringType, false)
          .add("state", DataTypes.StringType, false)
          .add("progress", DataTypes.IntegerType, false)
          .add("reason", DataTypes.StringType, false)
          .add("startTime", DataTypes.TimestampType, false)
          .add("timeCostMs", DataTypes.LongType, false);

  private ManagementRows() {}

  /** {@code s} in the columns of {@link #SNAPSHOT}. */
  public static InternalRow snapshot(Snapshot s) {
    return row(
        text(s.name()),
        text(s.description()),
        text(s.database()),
        text(s.collection()),
        new GenericArrayData(s.partitions().stream().map(ManagementRows::text).toArray()),
        micros(s.createdAt().toEpochMilli()),
        s.createTs(),
        text(s.location()));
  }

  /** {@code j} in the columns of {@link #RESTORE_JOB}. */
  public static InternalRow restoreJob(RestoreJob j) {
    return row(
        text(j.jobId()),
        text(j.snapshot()),
        text(j.targetDatabase()),
        text(j.targetCollection()),
        text(j.state()),
        j.progress(),
        text(j.reason()),
        micros(j.startTimeMillis()),
        j.timeCostMillis());
  }

  /** A row of {@code values}, already in Spark's internal types. */
  public static InternalRow row(Object... values) {
    return new GenericInternalRow(values);
  }

  /** Spark's string of {@code value}; null becomes the empty string (the columns are not null). */
  public static UTF8String text(String value) {
    return UTF8String.fromString(value == null ? "" : value);
  }

  private static long micros(long epochMillis) {
    return Math.multiplyExact(epochMillis, 1000L);
  }
}
