package io.milvusimport.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a Flight Recorder file's CPU samples ({@code jdk.ExecutionSample}) by top frame (where
 * the time is spent) and by the first frame outside the JDK (which code of ours or of a library
 * asked for it), so the benchmark can say what limits a format without a profiler UI.
 */
final class JfrSummary {
  private JfrSummary() {}

  static String summarise(Path recording, int top) throws IOException {
    return summarise(recording, top, null);
  }

  /**
   * @param onStack when not null, only samples with a frame of this class (fully qualified name)
   *     count: the summary of one code path without start-up and set-up around it
   */
  static String summarise(Path recording, int top, String onStack) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> caller = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null
          || event.getStackTrace().getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (onStack != null
          && frames.stream().noneMatch(f -> f.getMethod().getType().getName().equals(onStack))) {
        continue;
      }
      samples++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      String connector = "(no connector frame: row generation, start-up)";
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("io.milvusimport.") && !type.endsWith("Probe")) {
          connector = name(frame);
          break;
        }
      }
      caller.merge(connector, 1, Integer::sum);
    }
    return "CPU samples: "
        + samples
        + "\n  top frames (self):\n"
        + ranking(self, samples, top)
        + "  nearest connector frame (io.milvusimport):\n"
        + ranking(caller, samples, top);
  }

  private static String name(RecordedFrame frame) {
    String[] parts = frame.getMethod().getType().getName().split("\\.");
    String type =
        parts.length > 1 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : parts[0];
    return type + "." + frame.getMethod().getName();
  }

  private static String ranking(Map<String, Integer> counts, int samples, int top) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .map(
            e ->
                String.format(
                    Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()))
        .collect(Collectors.joining());
  }
}
