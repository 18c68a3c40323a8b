package io.milvusimport.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's figures as markdown, ready to paste into docs/benchmarks.md: one table per workload and
 * file system with each writer's rates and its ratios to the three baselines, then the throughput
 * targets of the benchmark issue, met or missed.
 */
final class ResultTable {
  private ResultTable() {}

  static String throughput(List<CaseResult> results) {
    StringBuilder out = new StringBuilder();
    for (List<CaseResult> group : groups(results).values()) {
      CaseResult first = group.get(0);
      CaseResult parquet = find(group, ThroughputRun.SPARK_PARQUET);
      CaseResult json = find(group, ThroughputRun.SPARK_JSON);
      CaseResult raw = find(group, ThroughputRun.RAW);
      out.append(
          String.format(
              Locale.ROOT,
              "%n#### %s on %s (%,d rows)%n%n",
              first.workload,
              first.fileSystem,
              first.rows));
      out.append(
          "| writer | job s | rows/s | MB/s written | × Spark parquet | × Spark json | × raw |"
              + " bytes on disk | files | heap Δ, JVM (MB) | after job s |\n");
      out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (CaseResult r : group) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %.1f | %,.0f | %.1f | %s | %s | %s | %,d | %d | %d | %.1f |%n",
                r.name,
                r.jobMillis / 1000.0,
                r.rowsPerSecond(),
                r.megabytesPerSecond(),
                ratio(r, parquet),
                ratio(r, json),
                ratio(r, raw),
                r.bytes,
                r.files,
                r.heapOverBaseline >> 20,
                r.afterJobMillis / 1000.0));
      }
    }
    return out.toString();
  }

  static String targets(List<CaseResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("\n| target | workload / file system | measured | met |\n|---|---|---:|---|\n");
    for (List<CaseResult> group : groups(results).values()) {
      String where = group.get(0).workload + " / " + group.get(0).fileSystem;
      CaseResult parquet = find(group, ThroughputRun.SPARK_PARQUET);
      CaseResult json = find(group, ThroughputRun.SPARK_JSON);
      CaseResult raw = find(group, ThroughputRun.RAW);
      target(
          out,
          "npy ≥ 2× Spark parquet rows/s",
          where,
          find(group, "milvus-import npy"),
          parquet,
          2);
      target(out, "npy ≥ 0.7× raw float32 rate", where, find(group, "milvus-import npy"), raw, 0.7);
      target(out, "json ≥ 2× Spark json rows/s", where, find(group, "milvus-import json"), json, 2);
      target(
          out,
          "parquet ≥ 1× Spark parquet rows/s",
          where,
          find(group, "milvus-import parquet"),
          parquet,
          1);
    }
    return out.toString();
  }

  private static void target(
      StringBuilder out, String what, String where, CaseResult r, CaseResult base, double goal) {
    if (r == null || base == null) {
      return;
    }
    double ratio = r.rowsPerSecond() / base.rowsPerSecond();
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %.2f× | %s |%n",
            what,
            where,
            ratio,
            ratio >= goal ? "yes" : "**no**"));
  }

  private static Map<String, List<CaseResult>> groups(List<CaseResult> results) {
    Map<String, List<CaseResult>> groups = new LinkedHashMap<>();
    for (CaseResult r : results) {
      groups.computeIfAbsent(r.workload + "|" + r.fileSystem, k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static CaseResult find(List<CaseResult> group, String name) {
    for (CaseResult r : group) {
      if (r.name.equals(name)) {
        return r;
      }
    }
    return null;
  }

  private static String ratio(CaseResult r, CaseResult base) {
    return base == null
        ? "–"
        : String.format(Locale.ROOT, "%.2f", r.rowsPerSecond() / base.rowsPerSecond());
  }
}
