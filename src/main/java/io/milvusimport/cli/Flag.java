package io.milvusimport.cli;

/**
 * One {@code --flag} of a command: whether it takes a value, whether it is required, and the help
 * line that says what it means.
 */
final class Flag {
  final String name;
  final String value;
  final boolean required;
  final String help;
  final boolean repeatable;
  final boolean positional;

  private Flag(String name, String value, boolean required, String help) {
    this(name, value, required, help, false, false);
  }

  private Flag(
      String name,
      String value,
      boolean required,
      String help,
      boolean repeatable,
      boolean positional) {
    this.name = name;
    this.value = value;
    this.required = required;
    this.help = help;
    this.repeatable = repeatable;
    this.positional = positional;
  }

  /**
   * The words after the flags that are not flags, such as {@code LOCAL...} of {@code volume
   * upload}: at least one is required, read with {@code Flags.all(name)}.
   */
  static Flag positional(String name, String value, String help) {
    return new Flag(name, value, true, help, true, true);
  }

  /** An optional flag with a value that may be given several times, such as {@code --path P}. */
  static Flag repeated(String name, String value, String help) {
    return new Flag(name, value, false, help + " (repeatable)", true, false);
  }

  /** A required flag with a value, such as {@code --collection NAME}. */
  static Flag required(String name, String value, String help) {
    return new Flag(name, value, true, help);
  }

  /** An optional flag with a value. */
  static Flag optional(String name, String value, String help) {
    return new Flag(name, value, false, help);
  }

  /** A flag without a value, such as {@code --wait}. */
  static Flag bool(String name, String help) {
    return new Flag(name, null, false, help);
  }

  boolean takesValue() {
    return value != null;
  }

  String synopsis() {
    if (positional) {
      return value + "...";
    }
    return "--" + name + (takesValue() ? " " + value : "");
  }
}
