package io.milvusimport.format;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints every finite float32 (both signs) with {@link FloatText} and checks that the text is a
 * JSON number, that {@code Float.parseFloat} reads it back bit for bit, and, on Java 19 or later
 * (whose {@code Float.toString} gives the shortest decimal, nearest among the shortest, but never
 * fewer than two digits), that it has the same digits as {@code Float.toString}. Too slow for the
 * test suite (minutes on two cores); {@code FloatTextTest} runs a stratified sample of it. Run:
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.milvusimport.format.FloatTextExhaustiveCheck [threads]
 * </pre>
 *
 * Exits with status 1 and prints the first failures when any value fails.
 */
public final class FloatTextExhaustiveCheck {
  private static final int BLOCK = 1 << 20;
  private static final int FIRST_NON_FINITE = 0x7f80_0000;

  private FloatTextExhaustiveCheck() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    boolean compareWithJdk = Runtime.version().feature() >= 19;
    AtomicInteger nextBlock = new AtomicInteger();
    AtomicLong checked = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong shorterThanJdk = new AtomicLong();
    long start = System.nanoTime();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                byte[] out = new byte[2 * FloatText.MAX_LENGTH];
                int block;
                while ((block = nextBlock.getAndIncrement()) * (long) BLOCK < FIRST_NON_FINITE) {
                  int from = block * BLOCK;
                  int to = Math.min(from + BLOCK, FIRST_NON_FINITE);
                  for (int bits = from; bits < to; bits++) {
                    String problem = check(bits, out, compareWithJdk, shorterThanJdk);
                    if (problem != null && failures.incrementAndGet() <= 20) {
                      System.out.println("FAIL " + Integer.toHexString(bits) + ": " + problem);
                    }
                  }
                  long done = checked.addAndGet(to - from);
                  if (block % 128 == 0) {
                    System.out.printf(
                        "%,d checked, %d failures, %.0f s%n",
                        done, failures.get(), (System.nanoTime() - start) / 1e9);
                  }
                }
              });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "done: %,d positive finite floats and their negatives checked in %.0f s on Java %s;"
            + " %d failures; compared with Float.toString: %s (%,d one-digit values shorter than"
            + " its two-digit minimum)%n",
        checked.get(),
        (System.nanoTime() - start) / 1e9,
        Runtime.version(),
        failures.get(),
        compareWithJdk ? "yes" : "no (needs Java 19+)",
        shorterThanJdk.get());
    System.exit(failures.get() == 0 ? 0 : 1);
  }

  /** The problem with printing the float of {@code bits} (>= 0) and its negative, or null. */
  static String check(int bits, byte[] out, boolean compareWithJdk, AtomicLong shorterThanJdk) {
    float value = Float.intBitsToFloat(bits);
    int end = FloatText.write(value, out, 0);
    int negativeEnd = FloatText.write(-value, out, FloatText.MAX_LENGTH);
    if (end > FloatText.MAX_LENGTH) {
      return "longer than MAX_LENGTH";
    }
    if (negativeEnd - FloatText.MAX_LENGTH != end + 1 || out[FloatText.MAX_LENGTH] != '-') {
      return "the negative is not '-' and the positive's text";
    }
    for (int i = 0; i < end; i++) {
      if (out[i] != out[FloatText.MAX_LENGTH + 1 + i]) {
        return "the negative is not '-' and the positive's text";
      }
    }
    String text = new String(out, 0, end, StandardCharsets.US_ASCII);
    if (!JsonNumbers.isJsonNumber(text)) {
      return text + " is not a JSON number";
    }
    if (Float.floatToRawIntBits(Float.parseFloat(text)) != bits) {
      return text + " reads back as " + Float.parseFloat(text);
    }
    if (compareWithJdk && value != 0f) {
      long[] mine = JsonNumbers.decimal(text);
      long[] jdk = JsonNumbers.decimal(Float.toString(value));
      if (mine[0] < 10 && jdk[0] >= 10) {
        if (jdk[0] >= 100) {
          return text + " vs Float.toString " + Float.toString(value);
        }
        shorterThanJdk.incrementAndGet();
      } else if (mine[0] != jdk[0] || mine[1] != jdk[1]) {
        return text + " differs from Float.toString " + Float.toString(value);
      }
    }
    return null;
  }
}
