package io.milvusimport.format;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** Rows left out under {@code invalidRows=skip}, counted per field and reason. */
public final class SkippedRows implements Serializable {
  private static final long serialVersionUID = 1L;
  private final TreeMap<String, Long> counts = new TreeMap<>();

  void record(String reason) {
    counts.merge(reason, 1L, Long::sum);
  }

  /** Adds another task's counts. */
  public void add(SkippedRows other) {
    other.counts.forEach((reason, n) -> counts.merge(reason, n, Long::sum));
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Reason ({@code field 'x': wrong vector dimension}) to rows skipped for it. */
  public Map<String, Long> byReason() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
