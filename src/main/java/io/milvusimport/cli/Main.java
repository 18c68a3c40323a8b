package io.milvusimport.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The connector jar's command-line tool: {@code java -jar milvus-import.jar snapshot ...}, or the
 * same class through {@code spark-submit --class}, an EMR step or a Databricks JAR task. It exists
 * so snapshots can be taken, listed and restored from shell scripts and schedulers with the same
 * connection options as the writer, without a SparkSession.
 *
 * <p>It needs only the JDK, Jackson (databind, core, annotations) and the SLF4J API, which Spark
 * provides on clusters; {@code java -jar} finds them next to the jar (the manifest's {@code
 * Class-Path}). It returns normally on success (a Databricks JAR task must not call {@code
 * System.exit(0)}) and exits 1 (failed) or 2 (usage) otherwise.
 */
public final class Main {
  private static final String[][] RUNTIME_CLASSES = {
    {"com.fasterxml.jackson.databind.ObjectMapper", "jackson-databind.jar"},
    {"com.fasterxml.jackson.core.JsonFactory", "jackson-core.jar"},
    {"com.fasterxml.jackson.annotation.JsonProperty", "jackson-annotations.jar"},
    {"org.slf4j.LoggerFactory", "slf4j-api.jar"}
  };

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = missingLibraries(err) ? Cli.FAILED : run(args, out, err);
    if (code != Cli.OK) {
      System.exit(code);
    }
  }

  private static int run(String[] args, PrintStream out, PrintStream err) {
    Cli.Streams streams = new Cli.Streams(out, err, System.console() != null);
    return new Cli(System.getenv(), streams).run(args);
  }

  /** Says which library is missing and how to add it, instead of a NoClassDefFoundError. */
  private static boolean missingLibraries(PrintStream err) {
    StringBuilder missing = new StringBuilder();
    for (String[] c : RUNTIME_CLASSES) {
      try {
        Class.forName(c[0], false, Main.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.append(missing.length() == 0 ? "" : ", ").append(c[1]);
      }
    }
    if (missing.length() == 0) {
      return false;
    }
    err.println(
        "error: the command line needs "
            + missing
            + " on the class path. Put them next to milvus-import.jar under these names (java"
            + " -jar reads them from the manifest), or run java -cp"
            + " milvus-import.jar:jackson-databind-2.15.2.jar:jackson-core-2.15.2.jar:"
            + "jackson-annotations-2.15.2.jar:slf4j-api-2.0.7.jar io.milvusimport.cli.Main ..."
            + " (spark-submit provides them).");
    return true;
  }
}
