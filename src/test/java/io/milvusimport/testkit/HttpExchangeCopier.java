package io.milvusimport.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 to pass requests and responses through unchanged while knowing where each
 * one ends: a message head is read up to its blank line, a body is framed by {@code
 * Content-Length}, {@code Transfer-Encoding: chunked} or (responses only) the closing connection.
 * The bytes are forwarded as they came, so request signatures (AWS SigV4 signs the Host header)
 * stay valid.
 */
final class HttpExchangeCopier {
  private HttpExchangeCopier() {}

  /** A request or status line with its headers, and the raw bytes they came in. */
  static final class Head {
    final byte[] raw;
    final String firstLine;
    final Map<String, String> headers;

    private Head(byte[] raw, String firstLine, Map<String, String> headers) {
      this.raw = raw;
      this.firstLine = firstLine;
      this.headers = headers;
    }

    String method() {
      return firstLine.split(" ", 3)[0];
    }

    /** The request target's path, without the query. */
    String path() {
      String target = firstLine.split(" ", 3)[1];
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }

    /** The request target's query, or empty. */
    String query() {
      String target = firstLine.split(" ", 3)[1];
      int query = target.indexOf('?');
      return query < 0 ? "" : target.substring(query + 1);
    }

    int status() {
      return Integer.parseInt(firstLine.split(" ", 3)[1]);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean expectsContinue() {
      return "100-continue".equalsIgnoreCase(header("expect"));
    }

    boolean closes() {
      return "close".equalsIgnoreCase(header("connection"));
    }
  }

  /** The next head, or null when the peer closed the connection before sending one. */
  static Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        if (raw.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside an HTTP head");
      }
      raw.write(b);
      last4 = (last4 << 8) | b;
    }
    byte[] bytes = raw.toByteArray();
    String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Head(bytes, lines[0], headers);
  }

  /**
   * Copies a request body framed by Content-Length or chunked encoding ({@code out} may be null).
   */
  static void copyRequestBody(Head request, InputStream in, OutputStream out) throws IOException {
    if ("chunked".equalsIgnoreCase(request.header("transfer-encoding"))) {
      copyChunked(in, out);
    } else if (request.header("content-length") != null) {
      copyFixed(in, out, Long.parseLong(request.header("content-length")));
    }
  }

  /**
   * Copies a response body; returns true when it ends with the connection (no length given), so the
   * connection cannot carry another exchange.
   */
  static boolean copyResponseBody(String method, Head response, InputStream in, OutputStream out)
      throws IOException {
    int status = response.status();
    if ("HEAD".equals(method) || status / 100 == 1 || status == 204 || status == 304) {
      return false;
    }
    if ("chunked".equalsIgnoreCase(response.header("transfer-encoding"))) {
      copyChunked(in, out);
      return false;
    }
    if (response.header("content-length") != null) {
      copyFixed(in, out, Long.parseLong(response.header("content-length")));
      return false;
    }
    in.transferTo(out);
    return true;
  }

  private static void copyFixed(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("connection closed inside an HTTP body");
      }
      if (out != null) {
        out.write(buffer, 0, n);
      }
      left -= n;
    }
  }

  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = readLine(in, out);
      int semicolon = sizeLine.indexOf(';');
      long size =
          Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine(in, out).isEmpty()) {
          // trailer fields
        }
        return;
      }
      copyFixed(in, out, size + 2); // the chunk and its CRLF
    }
  }

  private static String readLine(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside a chunked body");
      }
      if (out != null) {
        out.write(b);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }
}
