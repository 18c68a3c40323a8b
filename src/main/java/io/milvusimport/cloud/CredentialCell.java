package io.milvusimport.cloud;

import java.util.function.Supplier;

/**
 * The latest credentials of one (volume, path) and the one way to renew them, shared by every
 * upload that uses them so that a burst of refusals or near-expiries costs one {@code apply}, not
 * one per thread. Credentials are renewed {@link #MARGIN_MILLIS} before they expire, as the SDKs
 * do, or half-way through their life when that is shorter (a short-lived test credential would
 * otherwise be renewed on every request).
 */
final class CredentialCell {
  /** The SDKs re-apply 300 s before {@code expireTime}. */
  static final long MARGIN_MILLIS = 300_000;

  private final Supplier<VolumeCredentials> apply;
  private VolumeCredentials latest;
  private long obtainedMillis;

  CredentialCell(VolumeCredentials initial, Supplier<VolumeCredentials> apply) {
    this.apply = apply;
    this.latest = initial;
    this.obtainedMillis = System.currentTimeMillis();
  }

  /**
   * Takes {@code offered} (a later task's copy of the driver's credentials) when it lasts longer
   * than what the cell holds, so fresh credentials the driver hands to later tasks are used.
   */
  synchronized void offer(VolumeCredentials offered) {
    if (latest == null || offered.expireEpochMillis() > latest.expireEpochMillis()) {
      latest = offered;
      obtainedMillis = System.currentTimeMillis();
    }
  }

  synchronized VolumeCredentials current() {
    long now = System.currentTimeMillis();
    if (latest == null || latest.expiresWithin(margin(), now)) {
      renew();
    }
    return latest;
  }

  /** Fresh credentials unless another thread already replaced the refused ones. */
  synchronized VolumeCredentials refresh(VolumeCredentials refused) {
    if (latest == null
        || same(latest, refused)
        || latest.expiresWithin(margin(), System.currentTimeMillis())) {
      renew();
    }
    return latest;
  }

  /** Compared by key and token: each task holds its own deserialized copy. */
  private static boolean same(VolumeCredentials a, VolumeCredentials b) {
    return b == null
        || a.accessKey().equals(b.accessKey()) && a.sessionToken().equals(b.sessionToken());
  }

  private long margin() {
    if (latest == null || latest.expireEpochMillis() == Long.MAX_VALUE) {
      return MARGIN_MILLIS;
    }
    long life = latest.expireEpochMillis() - obtainedMillis;
    return Math.max(0, Math.min(MARGIN_MILLIS, life / 2));
  }

  private void renew() {
    VolumeCredentials fresh = apply.get();
    if (fresh == null) {
      throw new IllegalStateException("apply returned no credentials");
    }
    latest = fresh;
    obtainedMillis = System.currentTimeMillis();
  }
}
