package io.milvusimport;

import java.util.List;

/**
 * The DataFrame cannot be imported into the collection as it is. Raised at plan time, before any
 * task runs, and lists every problem at once so one fix-and-rerun cycle is enough.
 */
public final class SchemaMismatchException extends MilvusImportException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public SchemaMismatchException(String collection, List<String> problems) {
    super(render(collection, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static String render(String collection, List<String> problems) {
    StringBuilder text =
        new StringBuilder("The DataFrame cannot be imported into collection '")
            .append(collection)
            .append("' (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String problem : problems) {
      text.append("\n  - ").append(problem);
    }
    return text.toString();
  }
}
