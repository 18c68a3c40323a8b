package io.milvusimport.cli;

import io.milvusimport.manage.SnapshotManager;
import java.util.List;

/** One {@code snapshot} subcommand: its name, what it does, its own flags and how it runs. */
final class SnapshotCommand {
  /** Runs the command; returns the exit code. */
  interface Action {
    int run(Flags flags, SnapshotManager manager, Output output, Cli.Streams streams);
  }

  final String name;
  final String summary;
  final List<Flag> flags;
  final Action action;

  SnapshotCommand(String name, String summary, List<Flag> flags, Action action) {
    this.name = name;
    this.summary = summary;
    this.flags = flags;
    this.action = action;
  }
}
