package io.milvusimport.cloud;

import io.milvusimport.MilvusServerException;

/**
 * Zilliz Cloud's control plane refused a request ({@code code != 0}, or HTTP 401/403/404). It is a
 * {@link MilvusServerException} so the commit's handling of server refusals (job limit, job not
 * found, failed create) applies to cloud imports unchanged. The message says what to change; the
 * control plane's own code and message are kept verbatim.
 */
public final class ZillizCloudException extends MilvusServerException {
  private static final long serialVersionUID = 1L;

  /** Zilliz's "not authenticated" code (contract: 1800). */
  public static final int NOT_AUTHENTICATED = 1800;

  /** Zilliz's v2 code for a cluster id it does not know (error-code table 96017). */
  public static final int CLUSTER_NOT_FOUND = 96017;

  private final int httpStatus;

  public ZillizCloudException(String message, int code, String serverMessage, int httpStatus) {
    super(message, code, serverMessage, false, null);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status of the answer (200 for a refusal in the JSON body). */
  public int httpStatus() {
    return httpStatus;
  }

  /** True for a missing, wrong or revoked API key. */
  public boolean authentication() {
    return code() == NOT_AUTHENTICATED || httpStatus == 401 || httpStatus == 403;
  }
}
