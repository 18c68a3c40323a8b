package io.milvusimport.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags given to one command, parsed against the flags it accepts: {@code --name value} or
 * {@code --name=value}; unknown flags, missing values, repeats and stray words are usage errors.
 */
final class Flags {
  private final Map<String, List<String>> values;

  private Flags(Map<String, List<String>> values) {
    this.values = values;
  }

  static Flags parse(String command, List<String> args, List<Flag> accepted) {
    Map<String, Flag> byName = new LinkedHashMap<>();
    accepted.forEach(f -> byName.put(f.name, f));
    Flag positional = accepted.stream().filter(f -> f.positional).findFirst().orElse(null);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (positional != null && !arg.startsWith("--")) {
        values.computeIfAbsent(positional.name, n -> new ArrayList<>()).add(arg);
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException(
            "'" + command + "' takes no argument '" + arg + "'; every value follows its --flag.");
      }
      int eq = arg.indexOf('=');
      String name = arg.substring(2, eq < 0 ? arg.length() : eq);
      SecretFlags.refuse(name);
      Flag flag = byName.get(name);
      if (flag == null || flag.positional) {
        throw new UsageException("'" + command + "' has no flag --" + name + ".");
      }
      if (values.containsKey(name) && !flag.repeatable) {
        throw new UsageException("Flag --" + name + " is given twice.");
      }
      String value;
      if (!flag.takesValue()) {
        if (eq >= 0) {
          throw new UsageException("Flag --" + name + " takes no value.");
        }
        value = "true";
      } else if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException("Flag --" + name + " needs a value: " + flag.synopsis() + ".");
      }
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    for (Flag flag : accepted) {
      if (flag.required && !values.containsKey(flag.name)) {
        throw new UsageException(
            "'" + command + "' needs " + flag.synopsis() + " (" + flag.help + ").");
      }
    }
    return new Flags(values);
  }

  String get(String name) {
    List<String> given = values.get(name);
    return given == null ? null : given.get(0);
  }

  String get(String name, String defaultValue) {
    String value = get(name);
    return value == null ? defaultValue : value;
  }

  /** Every value of a repeatable flag, in order (empty when not given). */
  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
