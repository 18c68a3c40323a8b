package io.milvusimport.format;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints every finite float32 with {@link FloatText} and checks that the text is a JSON number and,
 * on Java 19 or later, has the digits of {@code Float.toString} (which since Java 19 gives the
 * shortest decimal that reads back, nearest to the value among those, though never fewer than two
 * digits: a one-digit text of ours then must be within its two, and is read back). Equal digits
 * read back as the value, since Java's are specified to. For one value in {@code parseEvery} (1 by
 * default: all), and for all values on Java before 19, it also checks that {@code Float.parseFloat}
 * reads the text back bit for bit and that the negative prints as {@code -} and the same text. Too
 * slow for the test suite (minutes on two cores); {@code FloatTextTest} runs a stratified sample of
 * it. Run:
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.milvusimport.format.FloatTextExhaustiveCheck \
 *     [threads] [parseEvery]
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
    int parseEvery = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean compareWithJdk = Runtime.version().feature() >= 19;
    AtomicInteger nextBlock = new AtomicInteger();
    AtomicLong checked = new AtomicLong();
    AtomicLong parsed = new AtomicLong();
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
                  long parsedHere = 0;
                  for (int bits = from; bits < to; bits++) {
                    boolean parse = !compareWithJdk || bits % parseEvery == 0;
                    String problem =
                        parse
                            ? check(bits, out, compareWithJdk, shorterThanJdk)
                            : sameDigitsAsJdk(bits, out, shorterThanJdk);
                    parsedHere += parse ? 1 : 0;
                    if (problem != null && failures.incrementAndGet() <= 20) {
                      System.out.println("FAIL " + Integer.toHexString(bits) + ": " + problem);
                    }
                  }
                  parsed.addAndGet(parsedHere);
                  long done = checked.addAndGet(to - from);
                  if (block % 64 == 0) {
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
        "done: %,d positive finite floats checked in %.0f s on Java %s, %,d of them (and their"
            + " negatives) read back with Float.parseFloat; %d failures; compared with"
            + " Float.toString: %s (%,d one-digit values shorter than its two-digit minimum)%n",
        checked.get(),
        (System.nanoTime() - start) / 1e9,
        Runtime.version(),
        parsed.get(),
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
    return compareWithJdk ? sameDigitsAsJdk(bits, out, shorterThanJdk) : null;
  }

  /**
   * The problem with the digits of the positive float of {@code bits} against Java 19+'s {@code
   * Float.toString}, or null; also checks the text is a JSON number.
   */
  static String sameDigitsAsJdk(int bits, byte[] out, AtomicLong shorterThanJdk) {
    float value = Float.intBitsToFloat(bits);
    int end = FloatText.write(value, out, 0);
    if (!JsonNumbers.isJsonNumber(out, end)) {
      return new String(out, 0, end, StandardCharsets.US_ASCII) + " is not a JSON number";
    }
    if (value == 0f) {
      return null;
    }
    String jdkText = Float.toString(value);
    long mine = JsonNumbers.decimal(out, end);
    long jdk = JsonNumbers.decimal(jdkText);
    if (mine == jdk) {
      return null;
    }
    if (JsonNumbers.digitsOf(mine) < 10 && JsonNumbers.digitsOf(jdk) < 100) {
      // Shorter than Java's two-digit minimum: its digits prove nothing, so read it back.
      shorterThanJdk.incrementAndGet();
      String text = new String(out, 0, end, StandardCharsets.US_ASCII);
      return Float.floatToRawIntBits(Float.parseFloat(text)) == bits
          ? null
          : text + " reads back as " + Float.parseFloat(text);
    }
    return new String(out, 0, end, StandardCharsets.US_ASCII)
        + " differs from Float.toString "
        + jdkText;
  }
}
