package io.milvusimport.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Refuses secrets on the command line: argv is visible to every user of the machine ({@code ps},
 * {@code /proc/PID/cmdline}) and lands in shell histories and job definitions, so a token or
 * password is read from an environment variable or a file instead.
 */
final class SecretFlags {
  static final String TOKEN_ENV = "MILVUS_TOKEN";
  static final String PASSWORD_ENV = "MILVUS_PASSWORD";
  static final String API_KEY_ENV = "ZILLIZ_API_KEY";
  private static final Set<String> TOKEN_FLAGS = Set.of("token");
  private static final Set<String> API_KEY_FLAGS = Set.of("api-key", "apikey", "cloud-api-key");
  private static final Set<String> PASSWORD_FLAGS = Set.of("password");

  /** Flags of the cloud commands that would carry object-store secrets, and their file flags. */
  private static final Set<String> STORE_SECRET_FLAGS = Set.of("secret-key", "session-token");

  private SecretFlags() {}

  /** Throws a usage error for a secret-bearing flag, without repeating its value. */
  static void refuse(String flag) {
    if (API_KEY_FLAGS.contains(flag)) {
      throw new UsageException(
          "Flag --"
              + flag
              + " is not accepted: the command line is visible to other users (ps). Put the"
              + " Zilliz Cloud API key in environment variable "
              + API_KEY_ENV
              + " or in a file given with --api-key-file (for Milvus itself: "
              + TOKEN_ENV
              + " or --token-file).");
    }
    if (STORE_SECRET_FLAGS.contains(flag)) {
      throw new UsageException(
          "Flag --"
              + flag
              + " is not accepted: the command line is visible to other users (ps). Put it in a"
              + " file given with --"
              + flag
              + "-file.");
    }
    if (TOKEN_FLAGS.contains(flag)) {
      throw new UsageException(
          "Flag --"
              + flag
              + " is not accepted: the command line is visible to other users (ps). Put the"
              + " token (user:password or an API key) in environment variable "
              + TOKEN_ENV
              + " or in a file given with --token-file.");
    }
    if (PASSWORD_FLAGS.contains(flag)) {
      throw new UsageException(
          "Flag --"
              + flag
              + " is not accepted: the command line is visible to other users (ps). Give the user"
              + " with --user and the password in environment variable "
              + PASSWORD_ENV
              + " or in a file given with --password-file.");
    }
  }

  /** The trimmed content of a secret's file, or a usage error naming the flag (not the content). */
  static String readFile(String file, String flag) {
    String value;
    try {
      value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "Flag --"
              + flag
              + ": cannot read file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ").");
    }
    if (value.isEmpty()) {
      throw new UsageException("Flag --" + flag + ": file " + file + " is empty.");
    }
    return value;
  }
}
