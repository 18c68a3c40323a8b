package io.milvusimport.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Every run of one writer in one table ({@code --runs N}, interleaved with the other writers): the
 * median and the spread of its rates. Bytes and files are the first run's (every run writes the
 * same rows); the heap is the largest of the runs.
 */
final class CaseStats {
  final String name;
  final List<CaseResult> runs = new ArrayList<>();

  CaseStats(String name) {
    this.name = name;
  }

  CaseResult first() {
    return runs.get(0);
  }

  double medianRowsPerSecond() {
    return median(sorted(CaseResult::rowsPerSecond));
  }

  double minRowsPerSecond() {
    return sorted(CaseResult::rowsPerSecond)[0];
  }

  double maxRowsPerSecond() {
    return sorted(CaseResult::rowsPerSecond)[runs.size() - 1];
  }

  double medianJobSeconds() {
    return median(sorted(r -> r.jobMillis / 1000.0));
  }

  double medianAfterJobSeconds() {
    return median(sorted(r -> r.afterJobMillis / 1000.0));
  }

  /** Bytes written per second at the median rate, in MB (10^6 bytes). */
  double medianMegabytesPerSecond() {
    return first().bytes / 1e6 / first().rows * medianRowsPerSecond();
  }

  long maxHeapOverBaseline() {
    long max = 0;
    for (CaseResult r : runs) {
      max = Math.max(max, r.heapOverBaseline);
    }
    return max;
  }

  private double[] sorted(ToDoubleFunction<CaseResult> value) {
    return runs.stream().mapToDouble(value).sorted().toArray();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
