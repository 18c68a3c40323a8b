package io.milvusimport.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Turns a control-plane refusal into a message that says what to change: the API key option (and
 * its command-line forms), the {@code clusterId} option, a missing volume, a region mismatch. The
 * control plane has no documented code table for volumes, so beyond the codes known (1800, 96017)
 * the hints go by the message's words; the control plane's code and message always follow verbatim.
 */
final class CloudErrors {
  static final String KEY_HINT =
      "check option '"
          + CloudKeys.CLOUD_API_KEY
          + "' (command line: --api-key-file FILE or environment variable ZILLIZ_API_KEY): the key"
          + " is missing, wrong, revoked or lacks access to this project or cluster";

  private CloudErrors() {}

  static boolean rateLimited(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("rate limit") || m.contains("too many requests");
  }

  static ZillizCloudException refused(
      String method, String path, JsonNode body, int code, String message, int status) {
    String m = message.toLowerCase(Locale.ROOT);
    String hint;
    if (status == 401 || status == 403 || code == ZillizCloudException.NOT_AUTHENTICATED) {
      hint = "Zilliz Cloud refused the API key: " + KEY_HINT + ".";
    } else if (code == ZillizCloudException.CLUSTER_NOT_FOUND
        || (m.contains("cluster") && (m.contains("not exist") || m.contains("not found")))) {
      hint =
          "Zilliz Cloud does not know cluster '"
              + text(body, "clusterId")
              + "': check option '"
              + CloudKeys.CLUSTER_ID
              + "' (command line: --cluster-id), and that the API key's project holds it.";
    } else if (m.contains("region")) {
      hint =
          "The volume must be in the cluster's region: create it with the cluster's regionId"
              + " (option '"
              + CloudKeys.REGION_ID
              + "') or import into a cluster of the volume's region.";
    } else if ((m.contains("volume") || m.contains("stage"))
        && (m.contains("not exist") || m.contains("not found"))) {
      hint = "No such volume: list the project's volumes with 'volume list'.";
    } else {
      hint = "Zilliz Cloud refused the request.";
    }
    return new ZillizCloudException(
        hint + " (" + method + " " + path + ": HTTP " + status + ", code " + code + ": " + message
            + ")",
        code,
        message,
        status);
  }

  private static String text(JsonNode body, String field) {
    return body == null ? "" : body.path(field).asText("");
  }
}
