package io.milvusimport.cloud;

import io.milvusimport.InvalidOptionException;
import java.util.regex.Pattern;

/**
 * The contract's rules for volume names and for the directories inside a volume, checked on the
 * client so a bad name or path is refused before any call, saying what is accepted.
 */
public final class VolumePaths {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  /** What a volume name may be, for messages. */
  public static final String NAME_RULE =
      "at most 64 characters, starting with a letter or '_', then letters, digits, '-' or '_'"
          + " (unique in the organisation)";

  private VolumePaths() {}

  /**
   * Checks a volume name.
   *
   * @throws InvalidOptionException naming the volume and the rule
   */
  public static String checkName(String name, CloudApi api) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidOptionException(
          "Invalid "
              + api.noun()
              + " name '"
              + name
              + "': a "
              + api.noun()
              + " name is "
              + NAME_RULE
              + ".");
    }
    return name;
  }

  /**
   * Normalises a target directory inside a volume: {@code ""} or {@code /} is the root ({@code
   * ""}); otherwise {@code \} becomes {@code /}, leading {@code /} are dropped and one trailing
   * {@code /} is added; {@code ..} segments are refused.
   */
  public static String directory(String dir) {
    if (dir == null) {
      return "";
    }
    String d = dir.replace('\\', '/');
    while (d.startsWith("/")) {
      d = d.substring(1);
    }
    if (d.isEmpty()) {
      return "";
    }
    for (String segment : d.split("/")) {
      if (segment.equals("..")) {
        throw new InvalidOptionException(
            "Volume path '" + dir + "' has a '..' segment: give a path inside the volume.");
      }
    }
    return d.endsWith("/") ? d : d + "/";
  }
}
