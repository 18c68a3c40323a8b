package io.milvusimport.spark;

import io.milvusimport.SnapshotsUnsupportedException;
import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.MilvusSnapshots;
import io.milvusimport.milvus.RetryPolicy;

/**
 * Refuses a write that asks for a snapshot ({@code snapshot} or {@code snapshotBefore}) at plan
 * time, before anything is staged, when the server has no snapshot REST routes (Milvus 3.0.0 and
 * 2.x): otherwise the refusal would come after every row was imported. The probe is read-only
 * ({@code snapshots/list} of the collection).
 */
final class SnapshotSupportCheck {
  private SnapshotSupportCheck() {}

  static void check(ImportOptions options, MilvusRestClient client, RetryPolicy retry) {
    String key =
        options.snapshotBefore() != null
            ? OptionKeys.SNAPSHOT_BEFORE
            : options.snapshot() != null ? OptionKeys.SNAPSHOT : null;
    if (key == null) {
      return;
    }
    MilvusSnapshots snapshots =
        new MilvusSnapshots(client, options.database(), options.collection(), retry);
    if (!snapshots.supported()) {
      throw new SnapshotsUnsupportedException(
          "Option '"
              + key
              + "' needs Milvus 3.0.1+: Milvus at "
              + options.uri()
              + " answers POST /v2/vectordb/snapshots/list with HTTP 404 (Milvus 3.0.0 and 2.x"
              + " have no snapshot routes over REST). Nothing was staged or imported. Upgrade the"
              + " server, or write without options 'snapshot' and 'snapshotBefore'.",
          null,
          options.collection(),
          options.database(),
          null);
    }
  }
}
