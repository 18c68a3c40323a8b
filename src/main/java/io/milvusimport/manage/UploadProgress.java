package io.milvusimport.manage;

import java.util.Locale;

/**
 * Where an upload into a volume stands: bytes and files done of the total, the rate so far and the
 * time left at that rate. A value, handed to the listener after every finished request, so a
 * terminal bar and plain log lines can both be drawn from it.
 */
public final class UploadProgress {
  private final long bytesDone;
  private final long bytesTotal;
  private final int filesDone;
  private final int filesTotal;
  private final long elapsedNanos;

  UploadProgress(
      long bytesDone, long bytesTotal, int filesDone, int filesTotal, long elapsedNanos) {
    this.bytesDone = bytesDone;
    this.bytesTotal = bytesTotal;
    this.filesDone = filesDone;
    this.filesTotal = filesTotal;
    this.elapsedNanos = elapsedNanos;
  }

  public long bytesDone() {
    return bytesDone;
  }

  public long bytesTotal() {
    return bytesTotal;
  }

  public int filesDone() {
    return filesDone;
  }

  public int filesTotal() {
    return filesTotal;
  }

  /** 0 to 100. */
  public int percent() {
    return bytesTotal == 0 ? 100 : (int) (bytesDone * 100 / bytesTotal);
  }

  /** Bytes per second so far (0 before anything is done). */
  public double bytesPerSecond() {
    return elapsedNanos <= 0 ? 0 : bytesDone * 1e9 / elapsedNanos;
  }

  /** Seconds left at the rate so far, or -1 while no rate is known. */
  public long etaSeconds() {
    double rate = bytesPerSecond();
    return rate <= 0 ? -1 : (long) Math.ceil((bytesTotal - bytesDone) / rate);
  }

  public boolean finished() {
    return filesDone == filesTotal;
  }

  /** E.g. {@code 12.0 MiB / 40.0 MiB (30%), 3/10 files, 3.2 MiB/s, ETA 0:09}. */
  public String describe() {
    long eta = etaSeconds();
    return size(bytesDone)
        + " / "
        + size(bytesTotal)
        + " ("
        + percent()
        + "%), "
        + filesDone
        + "/"
        + filesTotal
        + " files, "
        + size((long) bytesPerSecond())
        + "/s, ETA "
        + (eta < 0 ? "?" : String.format(Locale.ROOT, "%d:%02d", eta / 60, eta % 60));
  }

  /** A bar for a terminal line: {@code [#########---------------] 30% } then {@link #describe}. */
  public String bar(int width) {
    int filled = Math.max(0, Math.min(width, percent() * width / 100));
    return "["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "] "
        + String.format(Locale.ROOT, "%3d%% ", percent())
        + describe();
  }

  /** Bytes in B, KiB, MiB, GiB or TiB with one decimal. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  @Override
  public String toString() {
    return describe();
  }
}
