package io.milvusimport.cloud;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The credentials of Spark tasks that stage into a volume. It travels to executors with the
 * driver's credentials and a serializable way to apply again; all tasks of one executor JVM that
 * upload to the same (volume, path) share one {@link CredentialCell}, so credentials nearing their
 * expiry are renewed once per JVM rather than once per task (an {@code apply} takes seconds and
 * counts against the control plane's rate limit). Each task offers the credentials it was shipped
 * with, so fresher ones the driver hands to later tasks replace older ones in the JVM.
 */
public final class ExecutorCredentials implements CredentialSource, Serializable {
  private static final long serialVersionUID = 1L;

  private static final ConcurrentMap<String, CredentialCell> CELLS = new ConcurrentHashMap<>();

  private final VolumeCredentials initial;
  private final String path;
  private final SerializableSupplier<VolumeCredentials> apply;

  /**
   * @param initial the driver's credentials
   * @param path the directory they were applied for (part of the sharing key)
   * @param apply renews them (the write passes a control-plane {@code apply} call)
   */
  public ExecutorCredentials(
      VolumeCredentials initial, String path, SerializableSupplier<VolumeCredentials> apply) {
    this.initial = initial;
    this.path = path;
    this.apply = apply;
  }

  /** Set once this copy (one task's) has offered its credentials to the JVM's cell. */
  private transient boolean offered;

  private CredentialCell cell() {
    CredentialCell cell =
        CELLS.computeIfAbsent(
            initial.volumeName() + "\n" + path, key -> new CredentialCell(initial, apply));
    if (!offered) {
      cell.offer(initial);
      offered = true;
    }
    return cell;
  }

  @Override
  public VolumeCredentials current() {
    return cell().current();
  }

  @Override
  public VolumeCredentials refresh(VolumeCredentials refused) {
    return cell().refresh(refused);
  }

  /** Forgets the JVM's shared credentials (tests). */
  static void forgetAll() {
    CELLS.clear();
  }
}
