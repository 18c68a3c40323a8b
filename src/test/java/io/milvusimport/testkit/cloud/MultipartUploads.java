package io.milvusimport.testkit.cloud;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The multipart uploads under way at a {@link VolumeObjectStore}, checked as S3 checks them: the
 * complete names parts by number and ETag (MD5), and every part but the last holds at least 5 MiB.
 */
final class MultipartUploads {
  private static final Pattern PART =
      Pattern.compile("<PartNumber>(\\d+)</PartNumber><ETag>([^<]+)</ETag>");
  private static final long MIN_PART = 5L << 20;

  /** A complete S3 refuses: its status, code and message. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Refused(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private final Map<String, TreeMap<Integer, byte[]>> uploads = new ConcurrentHashMap<>();

  String start(String key) {
    String id = UUID.randomUUID().toString();
    uploads.put(id + "\n" + key, new TreeMap<>());
    return id;
  }

  /** Keeps a part; its ETag, or null when the upload does not exist. */
  String part(String id, String key, int number, byte[] body) {
    TreeMap<Integer, byte[]> upload = uploads.get(id + "\n" + key);
    if (upload == null) {
      return null;
    }
    synchronized (upload) {
      upload.put(number, body);
    }
    return etag(body);
  }

  void abort(String id, String key) {
    uploads.remove(id + "\n" + key);
  }

  /** The object the complete request's parts make, in their order. */
  byte[] complete(String id, String key, byte[] request) throws Refused {
    TreeMap<Integer, byte[]> upload = uploads.remove(id + "\n" + key);
    if (upload == null) {
      throw new Refused(404, "NoSuchUpload", "The specified upload does not exist.");
    }
    Matcher m = PART.matcher(new String(request, StandardCharsets.UTF_8).replace("&quot;", "\""));
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    List<byte[]> parts = new ArrayList<>();
    while (m.find()) {
      byte[] part = upload.get(Integer.parseInt(m.group(1)));
      if (part == null || !etag(part).equals(m.group(2))) {
        throw new Refused(400, "InvalidPart", "part " + m.group(1));
      }
      parts.add(part);
      object.writeBytes(part);
    }
    for (int i = 0; i < parts.size() - 1; i++) {
      if (parts.get(i).length < MIN_PART) {
        throw new Refused(400, "EntityTooSmall", "part " + (i + 1) + " is under 5 MiB");
      }
    }
    return object.toByteArray();
  }

  /** S3's ETag of a single-part object: the quoted hex MD5. */
  static String etag(byte[] data) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(data);
      StringBuilder hex = new StringBuilder("\"");
      for (byte b : md5) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.append('"').toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
