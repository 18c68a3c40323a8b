package io.milvusimport.cloud;

import java.util.function.Supplier;

/**
 * The driver's (and the command line's) credentials: the first {@link #current} applies, later
 * calls re-apply only when the credentials near their expiry or were refused. Thread-safe, so the
 * parallel uploads of one folder share each renewal.
 */
public final class ApplyingCredentialSource implements CredentialSource {
  private final CredentialCell cell;

  /**
   * @param apply calls {@code apply} on the control plane for one (volume, path)
   */
  public ApplyingCredentialSource(Supplier<VolumeCredentials> apply) {
    this.cell = new CredentialCell(null, apply);
  }

  @Override
  public VolumeCredentials current() {
    return cell.current();
  }

  @Override
  public VolumeCredentials refresh(VolumeCredentials refused) {
    return cell.refresh(refused);
  }
}
