package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.cloud.CloudConnection;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.connect.OptionValues;
import io.milvusimport.manage.SnapshotManager;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The options of a read (a listing), parsed and checked on the driver without any remote call: what
 * to list, how to reach Milvus (the writer's connection keys) or Zilliz Cloud's control plane (the
 * cloud keys, parsed by {@link CloudConnection}) and what to list it of. Write keys are accepted
 * and ignored, so session defaults {@code spark.datasource.milvus.<option>} set for writes serve
 * reads too; unknown keys fail like a write's. It holds the credential: driver only; {@link
 * #toString} leaves it out.
 */
final class ListingOptions {
  private final ListingKind kind;
  private final MilvusConnection connection;
  private final CloudConnection cloud;
  private final String collection;
  private final String targetDatabase;
  private final String targetCollection;

  private ListingOptions(Map<String, String> options) {
    Map<String, String> lower = new TreeMap<>();
    Set<String> unknown = new TreeSet<>();
    Set<String> known = new TreeSet<>();
    OptionKeys.KEYS.forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
    OptionKeys.READ_KEYS.forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
    options.forEach(
        (key, value) -> {
          String k = key.toLowerCase(Locale.ROOT);
          if (known.contains(k)) {
            lower.put(k, value);
          } else if (!k.startsWith("fs.") && !k.equals("path")) {
            unknown.add(key);
          }
        });
    OptionValues values = new OptionValues(lower);
    this.kind = ListingKind.parse(values.optional(OptionKeys.LIST));
    if (!unknown.isEmpty()) {
      throw new InvalidOptionException(
          "Unknown option(s) "
              + unknown
              + " for a read with list="
              + kind.value()
              + ". Accepted: "
              + new TreeSet<>(OptionKeys.READ_KEYS)
              + ", the connection options and the write options, which reads ignore"
              + " (see docs/options.md).");
    }
    if (kind.cloud()) {
      this.cloud = CloudConnection.parse(lower);
      this.connection = null;
      this.collection = values.optional(OptionKeys.COLLECTION);
      this.targetDatabase = null;
      this.targetCollection = null;
      if (kind == ListingKind.VOLUMES && cloud.projectId() == null) {
        throw new InvalidOptionException(
            "Option '"
                + OptionKeys.PROJECT_ID
                + "' is required with list=volumes: the Zilliz Cloud project whose volumes are"
                + " listed.");
      }
      if (kind == ListingKind.CLOUD_IMPORT_JOBS
          && cloud.clusterId() == null
          && (cloud.projectId() == null || cloud.regionId() == null)) {
        throw new InvalidOptionException(
            "Option '"
                + OptionKeys.CLUSTER_ID
                + "' is required with list=cloudImportJobs: the Zilliz Cloud cluster whose import"
                + " jobs are listed (or options 'projectId' and 'regionId').");
      }
      return;
    }
    this.cloud = null;
    this.connection = MilvusConnection.parse(values);
    if (kind == ListingKind.SNAPSHOTS) {
      this.collection =
          values.required(OptionKeys.COLLECTION, "the collection whose snapshots are listed");
    } else {
      this.collection = values.optional(OptionKeys.COLLECTION);
    }
    this.targetDatabase = values.text(OptionKeys.TARGET_DATABASE, connection.database());
    this.targetCollection = values.optional(OptionKeys.TARGET_COLLECTION);
  }

  /**
   * Parses and checks {@code options} (keys in any case).
   *
   * @throws InvalidOptionException naming the option, the value and what is accepted
   */
  static ListingOptions parse(Map<String, String> options) {
    return new ListingOptions(options);
  }

  ListingKind kind() {
    return kind;
  }

  /** The collection whose snapshots are listed (null for other listings). */
  String collection() {
    return collection;
  }

  /** The database whose restore jobs are listed. */
  String targetDatabase() {
    return targetDatabase;
  }

  /** The one target collection whose restore jobs are listed, or null for all. */
  String targetCollection() {
    return targetCollection;
  }

  /** The control plane, for the Zilliz Cloud listings (null for the Milvus ones). */
  CloudConnection cloud() {
    return cloud;
  }

  SnapshotManager manager() {
    return SnapshotManager.create(connection);
  }

  /** What is listed, for plans and errors: no credential. */
  String describe() {
    if (cloud != null) {
      return "Zilliz Cloud "
          + kind.value()
          + (kind == ListingKind.VOLUMES
              ? " of project " + cloud.projectId()
              : " of cluster "
                  + (cloud.clusterId() != null
                      ? cloud.clusterId()
                      : cloud.projectId() + "/" + cloud.regionId())
                  + (collection == null ? "" : ", collection " + collection))
          + " at "
          + cloud.endpoint();
    }
    String of;
    if (kind == ListingKind.SNAPSHOTS) {
      of = " of " + connection.database() + "." + collection;
    } else {
      of =
          " into "
              + targetDatabase
              + (targetCollection == null ? "" : "." + targetCollection)
              + (targetCollection == null ? " (every collection)" : "");
    }
    return "Milvus " + kind.value() + of + " at " + connection.uri();
  }

  @Override
  public String toString() {
    return "ListingOptions{" + describe() + "}";
  }
}
