package io.milvusimport.spark;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.milvus.MilvusImportJobs;
import io.milvusimport.milvus.MilvusRestClient;
import io.milvusimport.milvus.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at plan time, before anything is staged, whether the write uses Milvus 3.0's two-phase
 * import ({@code atomic}): {@code true} fails here on a server without it rather than after
 * staging.
 */
final class TwoPhaseDecision {
  private static final Logger LOG = LoggerFactory.getLogger(TwoPhaseDecision.class);

  private TwoPhaseDecision() {}

  static boolean decide(ImportOptions options, MilvusRestClient client, RetryPolicy retry) {
    if (options.atomic() == ImportOptions.Atomic.FALSE) {
      return false;
    }
    if (options.cloud() != null) {
      // atomic=true is refused for Zilliz Cloud when parsed; auto is job by job there
      LOG.info(
          "Zilliz Cloud's two-phase import is unconfirmed: a write of several import jobs becomes"
              + " visible job by job (atomic=auto)");
      return false;
    }
    if (!options.waitForCompletion()) {
      if (options.atomic() == ImportOptions.Atomic.TRUE) {
        throw new InvalidOptionException(
            "Options 'atomic'='true' and 'waitForCompletion'='false' cannot be combined: an"
                + " all-or-nothing write must wait for every job before committing it.");
      }
      return false;
    }
    boolean supported =
        new MilvusImportJobs(client, options.database(), options.collection(), retry)
            .supportsTwoPhaseImport();
    if (!supported && options.atomic() == ImportOptions.Atomic.TRUE) {
      throw new InvalidOptionException(
          "Option 'atomic' is 'true' but Milvus at "
              + options.uri()
              + " has no two-phase import (POST /v2/vectordb/jobs/import/commit answers HTTP 404;"
              + " it needs Milvus 3.0 or later). Use atomic=auto to import job by job on this"
              + " server, or atomic=false.");
    }
    LOG.info(
        "Milvus at {} {} two-phase import: {}",
        options.uri(),
        supported ? "has" : "has no",
        supported
            ? "the write becomes visible all at once"
            : "a write of several import jobs becomes visible job by job");
    return supported;
  }
}
