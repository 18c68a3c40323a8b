package io.milvusimport.cloud;

import java.util.Set;

/**
 * The option keys that say how to reach Zilliz Cloud's control plane, in one place so the command
 * line, the management API and (later) the writer read the same names. Each is documented in {@code
 * docs/options.md} (section "Zilliz Cloud").
 */
public final class CloudKeys {
  /** Control-plane base URL (default {@link #DEFAULT_ENDPOINT}); never a cluster endpoint. */
  public static final String CLOUD_ENDPOINT = "cloudEndpoint";

  /** The organisation's API key, sent as {@code Authorization: Bearer}; a secret. */
  public static final String CLOUD_API_KEY = "cloudApiKey";

  /** The target cluster of cloud imports ({@code in01-...}). */
  public static final String CLUSTER_ID = "clusterId";

  /** The project volumes belong to (and imports go to, with {@link #REGION_ID}). */
  public static final String PROJECT_ID = "projectId";

  /** The cloud region of volumes ({@code aws-us-west-2}, ...). */
  public static final String REGION_ID = "regionId";

  /** {@code volumes} (default) or {@code stages}: the older {@code /v2/stages/*} API. */
  public static final String CLOUD_API = "cloudApi";

  /** How long a call keeps backing off while the control plane answers HTTP 429 (default 5m). */
  public static final String CLOUD_RATE_LIMIT_WAIT = "cloudRateLimitWait";

  public static final String DEFAULT_ENDPOINT = "https://api.cloud.zilliz.com";

  /** Every control-plane key. */
  public static final Set<String> KEYS =
      Set.of(
          CLOUD_ENDPOINT,
          CLOUD_API_KEY,
          CLUSTER_ID,
          PROJECT_ID,
          REGION_ID,
          CLOUD_API,
          CLOUD_RATE_LIMIT_WAIT);

  private CloudKeys() {}
}
