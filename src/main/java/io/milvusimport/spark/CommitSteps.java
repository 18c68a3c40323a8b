package io.milvusimport.spark;

/**
 * What a write does around its import jobs in the driver's commit, after every task has staged its
 * files: a save mode's recreate, or a catalog overwrite's new collection and alias swap. The write
 * is planned against {@link #planCollection} (read-only), and imports into the collection of its
 * options.
 */
interface CommitSteps {
  /** No step: a plain append. */
  CommitSteps NONE = before(() -> {});

  /** Only {@code step}, before the first import job. */
  static CommitSteps before(Runnable step) {
    return new CommitSteps() {
      @Override
      public void beforeImport() {
        step.run();
      }
    };
  }

  /**
   * The collection (or alias) the DataFrame is matched against while the write is planned, when it
   * differs from {@code importCollection} (which may only exist from {@link #beforeImport} on).
   */
  default String planCollection(String importCollection) {
    return importCollection;
  }

  /** Runs before the first import job; a failure aborts the write with nothing imported. */
  void beforeImport();

  /** Runs once every import job has completed. */
  default void afterImport() {}

  /** The exception to throw when the import failed after {@link #beforeImport} ran. */
  default RuntimeException importFailed(RuntimeException failure) {
    return failure;
  }
}
