package io.milvusimport.cli;

import java.util.List;
import java.util.Map;

/** One {@code volume} or {@code import} subcommand: its name, summary, own flags and action. */
final class CloudCommand {
  /** Runs the command with the control-plane options; returns the exit code. */
  interface Action {
    int run(Flags flags, Map<String, String> options, CloudOutput output, Cli.Streams streams);
  }

  final String name;
  final String summary;
  final List<Flag> flags;
  final Action action;

  CloudCommand(String name, String summary, List<Flag> flags, Action action) {
    this.name = name;
    this.summary = summary;
    this.flags = flags;
    this.action = action;
  }
}
