package io.milvusimport.cli;

import java.io.PrintStream;
import java.util.List;

/** The {@code --help} texts, generated from the commands' flags so they never drift. */
final class Help {
  static final String PROGRAM = "java -jar milvus-import.jar";

  private Help() {}

  static void top(PrintStream out) {
    out.println("Usage: " + PROGRAM + " <command> [--json] [--help]");
    out.println();
    out.println("Commands:");
    out.println("  snapshot   create, list, describe, drop and restore Milvus snapshots (3.0.1+)");
    out.println("  volume     create, list, describe, delete and upload into Zilliz Cloud volumes");
    out.println("  import     import volume files or object URLs into a Zilliz Cloud cluster");
    out.println();
    out.println("Exit codes: 0 ok, 1 failed, 2 usage.");
    out.println(
        "Secrets: $"
            + SecretFlags.TOKEN_ENV
            + " or --token-file; --user with $"
            + SecretFlags.PASSWORD_ENV
            + " or --password-file; Zilliz Cloud API key: $"
            + SecretFlags.API_KEY_ENV
            + " or --api-key-file. Never on the command line.");
  }

  /** The {@code volume} or {@code import} group's commands. */
  static void group(PrintStream out, String group, List<CloudCommand> commands) {
    out.println("Usage: " + PROGRAM + " " + group + " <command> [flags] [--json]");
    out.println();
    out.println("Commands:");
    for (CloudCommand c : commands) {
      out.println(String.format("  %-9s %s", c.name, c.summary));
    }
    out.println();
    out.println("Run '" + PROGRAM + " " + group + " <command> --help' for its flags.");
  }

  static void command(PrintStream out, String group, CloudCommand command) {
    command(
        out,
        group + " " + command.name,
        command.summary,
        command.flags,
        "Zilliz Cloud control plane (named after the options, see docs/zilliz-cloud.md):",
        CloudFlags.FLAGS,
        "API key: $"
            + SecretFlags.API_KEY_ENV
            + " or --api-key-file, never on the command line. Durations: 500ms, 10s, 5m, 2h."
            + " Exit codes: 0 ok, 1 failed, 2 usage.");
  }

  private static void command(
      PrintStream out,
      String name,
      String summary,
      List<Flag> own,
      String connectionTitle,
      List<Flag> connection,
      String footer) {
    StringBuilder words = new StringBuilder();
    own.stream().filter(f -> f.positional).forEach(f -> words.append(' ').append(f.synopsis()));
    out.println("Usage: " + PROGRAM + " " + name + " [flags]" + words);
    out.println();
    out.println(summary + ".");
    out.println();
    out.println("Flags:");
    flags(out, own);
    out.println("  --json                       print one JSON document instead of a table");
    out.println();
    out.println(connectionTitle);
    flags(out, connection);
    out.println();
    out.println(footer);
  }

  static void snapshot(PrintStream out) {
    out.println("Usage: " + PROGRAM + " snapshot <command> [flags] [--json]");
    out.println();
    out.println("Commands:");
    for (SnapshotCommand c : SnapshotCommands.ALL) {
      out.println(String.format("  %-9s %s", c.name, c.summary));
    }
    out.println();
    out.println("Run '" + PROGRAM + " snapshot <command> --help' for its flags.");
  }

  static void command(PrintStream out, SnapshotCommand command) {
    command(
        out,
        "snapshot " + command.name,
        command.summary,
        command.flags,
        "Connection (named after the writer's options):",
        ConnectionFlags.FLAGS,
        "Durations: 500ms, 10s, 5m, 2h. Exit codes: 0 ok, 1 failed, 2 usage.");
  }

  private static void flags(PrintStream out, List<Flag> flags) {
    for (Flag f : flags) {
      out.println(
          String.format("  %-28s %s%s", f.synopsis(), f.required ? "(required) " : "", f.help));
    }
  }
}
