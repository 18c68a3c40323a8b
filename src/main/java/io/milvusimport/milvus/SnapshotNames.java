package io.milvusimport.milvus;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Milvus's rule for snapshot names (those of collection names: contract §6) and the {@code
 * snapshot} option's placeholders. Checked when the options are parsed, so a name Milvus would
 * refuse fails the write before anything is staged rather than after every row was imported.
 */
public final class SnapshotNames {
  /** Milvus's {@code proxy.maxNameLength} default. */
  static final int MAX_LENGTH = 255;

  /** Milvus's {@code proxy.nameValidation.allowedChars} default. */
  private static final String ALLOWED_EXTRA = "$";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  /** Milvus's rule for a snapshot name, for error messages. */
  public static final String NAME_RULE =
      "1 to "
          + MAX_LENGTH
          + " characters, the first a letter or '_', the rest letters, digits, '_' or '$'"
          + " (no '-' or '.')";

  /** What the option accepts, for error messages. */
  public static final String RULE =
      "a Milvus snapshot name: "
          + NAME_RULE
          + "; {writeId} and {date} are replaced, with the write id's '-' written"
          + " as '_', such as load_{writeId} or nightly_{date}";

  private SnapshotNames() {}

  /**
   * The name with {@code {writeId}} (its characters Milvus refuses, '-' and '.', written as '_')
   * and {@code {date}} ({@code yyyyMMdd}) filled in.
   */
  public static String render(String pattern, String writeId, LocalDate date) {
    return pattern
        .replace("{writeId}", writeId.replaceAll("[^A-Za-z0-9_]", "_"))
        .replace("{date}", DATE.format(date));
  }

  /** Why Milvus would refuse {@code name}, or null when it is a valid snapshot name. */
  public static String problem(String name) {
    if (name.isEmpty()) {
      return "the name is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "the name has " + name.length() + " characters, more than " + MAX_LENGTH;
    }
    char first = name.charAt(0);
    if (first != '_' && !isLetter(first)) {
      return "the first character '" + first + "' is not a letter or '_'";
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && !isLetter(c) && !(c >= '0' && c <= '9') && ALLOWED_EXTRA.indexOf(c) < 0) {
        return "character '" + c + "' at position " + i + " is not a letter, digit, '_' or '$'";
      }
    }
    return null;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
