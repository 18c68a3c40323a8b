package io.milvusimport.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the command line in-process with captured stdout and stderr, the Zilliz stand-in's endpoint
 * and a quick poll interval appended, and hands every run's output to a transcript (so a test class
 * can check no secret was ever printed).
 */
final class InProcessCli {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final String endpoint;
  private final Consumer<String> transcript;

  InProcessCli(String endpoint, Consumer<String> transcript) {
    this.endpoint = endpoint;
    this.transcript = transcript;
  }

  int run(Map<String, String> env, boolean terminal, InputStream stdin, String... args) {
    out.reset();
    err.reset();
    List<String> full = new ArrayList<>(List.of(args));
    full.addAll(List.of("--cloud-endpoint", endpoint, "--poll-interval", "20ms"));
    Cli.Streams streams =
        new Cli.Streams(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            terminal,
            stdin);
    int code = new Cli(env, streams).run(full.toArray(new String[0]));
    transcript.accept(out() + err());
    return code;
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
