package io.milvusimport.format;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ns per float of row JSON's vector printing: the previous eight-or-nine-digit printer ({@link
 * NineDigitFloatText}) against the shortest-digit one ({@link FloatText}), interleaved round by
 * round on the same W1-like values (a 32-bit hash scaled to [-1, 1), as {@code Workload} makes
 * them), printed as 768-element JSON arrays into one buffer as {@code VectorJsonWriters} does.
 * Times are the thread's CPU time, so other processes on a busy machine inflate them less than wall
 * time. Prints medians and spread. A main method, never a test:
 *
 * <pre>
 * mvn -o -q test-compile -Dspotless.check.skip=true
 * java -cp target/classes:target/test-classes io.milvusimport.format.FloatPrintBenchmark [rounds]
 * </pre>
 */
public final class FloatPrintBenchmark {
  private static final int DIM = 768;
  private static final int VECTORS = 2_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private FloatPrintBenchmark() {}

  /** One way of printing a float into a byte array. */
  private interface Printer {
    int write(float value, byte[] out, int pos);
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    SplittableRandom random = new SplittableRandom(16);
    float[] values = new float[DIM * VECTORS];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextInt() / 2147483648.0);
    }
    byte[] text = new byte[2 + DIM * (FloatText.MAX_LENGTH + 1)];
    Printer[] printers = {NineDigitFloatText::write, FloatText::write};
    String[] names = {
      "eight-or-nine digits, double arithmetic (before)", "shortest, integer (after)"
    };
    List<List<Double>> nanos = new ArrayList<>();
    long[] bytes = new long[printers.length];
    for (int p = 0; p < printers.length; p++) {
      nanos.add(new ArrayList<>());
    }
    long sink = 0;
    for (int round = -3; round < rounds; round++) {
      for (int i = 0; i < printers.length; i++) {
        // Alternate the order so neither printer always runs right after the other.
        int p = (round & 1) == 0 ? i : printers.length - 1 - i;
        long start = THREADS.getCurrentThreadCpuTime();
        long written = 0;
        for (int v = 0; v < VECTORS; v++) {
          int end = 0;
          text[end++] = '[';
          for (int j = 0; j < DIM; j++) {
            if (j > 0) {
              text[end++] = ',';
            }
            end = printers[p].write(values[v * DIM + j], text, end);
          }
          text[end++] = ']';
          written += end;
          sink += text[end / 2];
        }
        double perFloat = (THREADS.getCurrentThreadCpuTime() - start) / (double) values.length;
        if (round >= 0) {
          nanos.get(p).add(perFloat);
          bytes[p] = written;
        }
      }
    }
    System.out.printf(
        "%d floats (%d x %d-d W1-like vectors), %d rounds after 3 warm-up rounds, Java %s%n",
        values.length, VECTORS, DIM, rounds, Runtime.version());
    for (int p = 0; p < printers.length; p++) {
      List<Double> sorted = new ArrayList<>(nanos.get(p));
      Collections.sort(sorted);
      System.out.printf(
          "%-50s median %.1f CPU ns/float (min %.1f, max %.1f), %.2f bytes/float with the comma%n",
          names[p],
          sorted.get(sorted.size() / 2),
          sorted.get(0),
          sorted.get(sorted.size() - 1),
          bytes[p] / (double) values.length);
    }
    System.out.println("(checksum " + sink + ")");
  }
}
