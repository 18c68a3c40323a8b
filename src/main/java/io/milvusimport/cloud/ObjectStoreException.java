package io.milvusimport.cloud;

import java.io.IOException;

/**
 * One refused or failed request to a volume's object store: the HTTP status (0 when no answer came)
 * and S3's error code, so the uploader can tell a transient fault from expired credentials.
 */
final class ObjectStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ObjectStoreException(String message, int status, String code, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** 5xx, 429/SlowDown, or no answer at all (connection refused or reset, timeout). */
  boolean isTransient() {
    return status == 0 || status >= 500 || status == 429 || "SlowDown".equals(code);
  }

  /**
   * The credentials were refused as expired or unknown; a plain {@code AccessDenied} counts only
   * once the credentials are past their expiry (some stores answer so to expired tokens).
   */
  boolean credentialsRefused(boolean expired) {
    return status == 403
            && ("ExpiredToken".equals(code)
                || "InvalidAccessKeyId".equals(code)
                || "InvalidToken".equals(code)
                || "TokenRefreshRequired".equals(code)
                || ("AccessDenied".equals(code) && expired))
        || status == 401 && expired;
  }
}
