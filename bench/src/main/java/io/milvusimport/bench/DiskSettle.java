package io.milvusimport.bench;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * Lets the previous case's disk work finish before the next case starts. Each case deletes its
 * output, and on a file system mounted with online discard (ext4 {@code discard}, common on cloud
 * disks) the freed blocks are trimmed at the next journal commit, stalling whichever writer runs
 * then: without this, a case's time depends on which case ran before it. {@code sync} forces that
 * commit (and writes back what is dirty) between cases, outside every measurement.
 */
final class DiskSettle {
  private static final File SYNC = new File("/bin/sync");

  private DiskSettle() {}

  static void now() throws InterruptedException {
    if (!SYNC.canExecute()) {
      return;
    }
    try {
      Process sync = new ProcessBuilder(SYNC.getPath()).inheritIO().start();
      if (!sync.waitFor(2, TimeUnit.MINUTES)) {
        sync.destroy();
      }
    } catch (java.io.IOException e) {
      System.out.println("[bench] sync between cases failed: " + e.getMessage());
    }
  }
}
