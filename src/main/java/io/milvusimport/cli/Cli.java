package io.milvusimport.cli;

import io.milvusimport.InvalidOptionException;
import io.milvusimport.InvalidSnapshotNameException;
import io.milvusimport.MilvusImportException;
import io.milvusimport.connect.MilvusConnection;
import io.milvusimport.manage.SnapshotManager;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parses a command line, runs it and maps the outcome to an exit code scripts can test: {@link
 * #OK}, {@link #FAILED} (Milvus, Zilliz Cloud or the job said no, or it could not be reached),
 * {@link #USAGE} (the command line or an option value is wrong; nothing was sent to Milvus, except
 * for a snapshot name Milvus refuses, which is also checked first). Errors go to stderr; with
 * {@code --json} stdout also gets them as one JSON object.
 */
final class Cli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** Where the tool writes, and whether stdout is a terminal (then progress is a bar). */
  static final class Streams {
    final PrintStream out;
    final PrintStream err;
    final boolean terminal;
    final InputStream in;

    Streams(PrintStream out, PrintStream err, boolean terminal) {
      this(out, err, terminal, System.in);
    }

    /** With {@code in} for {@code --paths-from -}. */
    Streams(PrintStream out, PrintStream err, boolean terminal, InputStream in) {
      this.out = out;
      this.err = err;
      this.terminal = terminal;
      this.in = in;
    }
  }

  private final Map<String, String> env;
  private final Streams streams;

  Cli(Map<String, String> env, Streams streams) {
    this.env = env;
    this.streams = streams;
  }

  int run(String... args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean json = rest.remove("--json");
    Output output = new Output(streams.out, json);
    try {
      return dispatch(rest, output);
    } catch (UsageException | InvalidOptionException | InvalidSnapshotNameException e) {
      return fail(output, e, USAGE, flagNames(rest, e.getMessage()));
    } catch (MilvusImportException e) {
      return fail(output, e, FAILED, flagNames(rest, e.getMessage()));
    } catch (RuntimeException e) {
      return fail(output, e, FAILED, e.toString());
    }
  }

  private int dispatch(List<String> args, Output output) {
    if (args.isEmpty() || isHelp(args.get(0))) {
      Help.top(streams.out);
      return args.isEmpty() ? USAGE : OK;
    }
    if (args.get(0).equals("volume") || args.get(0).equals("import")) {
      return dispatchCloud(args, output);
    }
    if (!args.get(0).equals("snapshot")) {
      throw new UsageException(
          "Unknown command '" + args.get(0) + "'. Commands: snapshot, volume, import. See --help.");
    }
    if (args.size() < 2 || isHelp(args.get(1))) {
      Help.snapshot(streams.out);
      return args.size() < 2 ? USAGE : OK;
    }
    SnapshotCommand command = SnapshotCommands.find(args.get(1));
    if (command == null) {
      throw new UsageException(
          "Unknown command 'snapshot "
              + args.get(1)
              + "'. Commands: create, list, describe, drop, restore, jobs, job. See snapshot"
              + " --help.");
    }
    List<String> flagArgs = args.subList(2, args.size());
    if (flagArgs.contains("--help") || flagArgs.contains("-h")) {
      Help.command(streams.out, command);
      return OK;
    }
    List<Flag> accepted = new ArrayList<>(command.flags);
    accepted.addAll(ConnectionFlags.FLAGS);
    Flags flags = Flags.parse("snapshot " + command.name, flagArgs, accepted);
    SnapshotManager manager =
        SnapshotManager.create(MilvusConnection.parse(ConnectionFlags.options(flags, env)));
    return command.action.run(flags, manager, output, streams);
  }

  /** {@code volume ...} and {@code import ...}: Zilliz Cloud's control plane. */
  private int dispatchCloud(List<String> args, Output output) {
    String group = args.get(0);
    List<CloudCommand> commands =
        group.equals("volume") ? CloudCommands.VOLUMES : CloudCommands.IMPORTS;
    if (args.size() < 2 || isHelp(args.get(1))) {
      Help.group(streams.out, group, commands);
      return args.size() < 2 ? USAGE : OK;
    }
    CloudCommand command = CloudCommands.find(commands, args.get(1));
    if (command == null) {
      StringBuilder names = new StringBuilder();
      commands.forEach(c -> names.append(names.length() == 0 ? "" : ", ").append(c.name));
      throw new UsageException(
          "Unknown command '"
              + group
              + " "
              + args.get(1)
              + "'. Commands: "
              + names
              + ". See "
              + group
              + " --help.");
    }
    List<String> flagArgs = args.subList(2, args.size());
    if (flagArgs.contains("--help") || flagArgs.contains("-h")) {
      Help.command(streams.out, group, command);
      return OK;
    }
    List<Flag> accepted = new ArrayList<>(command.flags);
    accepted.addAll(CloudFlags.FLAGS);
    Flags flags = Flags.parse(group + " " + command.name, flagArgs, accepted);
    return command.action.run(
        flags, CloudFlags.options(flags, env), new CloudOutput(output), streams);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  /** The error with the command-line flag beside each option it names. */
  private static String flagNames(List<String> args, String message) {
    boolean cloud =
        !args.isEmpty() && (args.get(0).equals("volume") || args.get(0).equals("import"));
    return cloud ? CloudFlags.withFlagNames(message) : ConnectionFlags.withFlagNames(message);
  }

  private int fail(Output output, RuntimeException e, int code, String message) {
    streams.err.println("error: " + message);
    if (code == USAGE) {
      streams.err.println("(exit " + USAGE + ": usage; see --help)");
    }
    output.error(e.getClass().getSimpleName(), message, code);
    return code;
  }
}
