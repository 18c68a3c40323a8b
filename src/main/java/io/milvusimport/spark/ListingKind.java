package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.cloud.CloudImportJobs;
import io.milvusimport.cloud.Volume;
import io.milvusimport.manage.CloudImports;
import io.milvusimport.manage.RestoreJob;
import io.milvusimport.manage.Snapshot;
import io.milvusimport.manage.SnapshotManager;
import io.milvusimport.manage.VolumeManager;
import io.milvusimport.milvus.ImportJobStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What a read of the source lists (option {@code list}), with its fixed schema and how one answer
 * becomes one row. The columns are those of {@link Snapshot}, {@link RestoreJob}, {@link Volume}
 * and a cloud import job, one field per column, so the DataFrame and the Java API say the same
 * thing. Volumes and cloud import jobs come from Zilliz Cloud's control plane.
 */
enum ListingKind {
  SNAPSHOTS("snapshots", ManagementRows.SNAPSHOT),
  RESTORE_JOBS("restoreJobs", ManagementRows.RESTORE_JOB),
  VOLUMES(
      "volumes",
      new StructType()
          .add("volumeName", DataTypes.StringType, false)
          .add("type", DataTypes.StringType, false)
          .add("regionId", DataTypes.StringType, false)
          .add("storageIntegrationId", DataTypes.StringType, false)
          .add("path", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("createTime", DataTypes.StringType, false)),
  CLOUD_IMPORT_JOBS(
      "cloudImportJobs",
      new StructType()
          .add("jobId", DataTypes.StringType, false)
          .add("collection", DataTypes.StringType, false)
          .add("state", DataTypes.StringType, false)
          .add("progress", DataTypes.IntegerType, false)
          .add("reason", DataTypes.StringType, false)
          .add("importedRows", DataTypes.LongType, false)
          .add("totalRows", DataTypes.LongType, false));

  private final String value;
  private final StructType schema;

  ListingKind(String value, StructType schema) {
    this.value = value;
    this.schema = schema;
  }

  /** The {@code list} value, as users write it. */
  String value() {
    return value;
  }

  StructType schema() {
    return schema;
  }

  /**
   * The kind named by {@code value} (any case).
   *
   * @throws InvalidOptionException naming option {@code list} and the accepted values when the
   *     value is missing or unknown
   */
  static ListingKind parse(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidOptionException(
          "A read of milvus-import lists Milvus metadata and needs option '"
              + OptionKeys.LIST
              + "': "
              + accepted()
              + ", e.g. spark.read().format(\"milvus-import\").option(\"list\", \"snapshots\")"
              + ".option(\"collection\", ...).load(). Collection rows are not readable"
              + " (milvus-import only writes them).");
    }
    for (ListingKind kind : values()) {
      if (kind.value.equalsIgnoreCase(value.trim())) {
        return kind;
      }
    }
    throw new InvalidOptionException(
        "Option '" + OptionKeys.LIST + "' is '" + value.trim() + "': accepted are " + accepted());
  }

  private static String accepted() {
    return Arrays.stream(values()).map(k -> "'" + k.value + "'").collect(Collectors.joining(", "));
  }

  /** True for the listings of Zilliz Cloud's control plane (not of a Milvus endpoint). */
  boolean cloud() {
    return this == VOLUMES || this == CLOUD_IMPORT_JOBS;
  }

  /**
   * The listing as rows, fetched now; the errors are those of {@link SnapshotManager}, {@link
   * VolumeManager} and {@link CloudImports}.
   */
  List<InternalRow> fetch(ListingOptions options) {
    List<InternalRow> rows = new ArrayList<>();
    if (this == VOLUMES) {
      for (Volume v : VolumeManager.create(options.cloud()).listVolumes()) {
        rows.add(
            row(
                text(v.name()),
                text(v.type()),
                text(v.regionId()),
                text(v.storageIntegrationId()),
                text(v.path()),
                text(v.status()),
                text(v.createTime())));
      }
    } else if (this == CLOUD_IMPORT_JOBS) {
      for (CloudImportJobs.Listed j :
          CloudImports.create(options.cloud()).list(options.collection())) {
        ImportJobStatus s = j.status();
        rows.add(
            row(
                text(s.jobId()),
                text(j.collection()),
                text(s.state()),
                s.progress(),
                text(s.reason()),
                s.importedRows(),
                s.totalRows()));
      }
    } else if (this == SNAPSHOTS) {
      SnapshotManager manager = options.manager();
      for (Snapshot s : manager.describeSnapshots(options.collection())) {
        rows.add(ManagementRows.snapshot(s));
      }
    } else {
      for (RestoreJob j :
          options.manager().restoreJobs(options.targetDatabase(), options.targetCollection())) {
        rows.add(ManagementRows.restoreJob(j));
      }
    }
    return rows;
  }

  private static InternalRow row(Object... values) {
    return ManagementRows.row(values);
  }

  private static UTF8String text(String value) {
    return ManagementRows.text(value);
  }
}
