package io.milvusimport.testkit;

import org.apache.spark.TaskContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Faults injected into a task as it reads a chosen row, on its first attempt only, so Spark's retry
 * of the task succeeds: the row id passes through unchanged otherwise.
 */
public final class TaskFaults {
  private TaskFaults() {}

  /** {@code id}, after the first attempt of the task reading {@code failAt} throws there. */
  public static Column failFirstAttemptAt(long failAt, Column id) {
    return udf(failAt, false).apply(id);
  }

  /**
   * {@code id}, after the executor JVM running the first attempt of the task reading {@code killAt}
   * halts there, as a crashed node would (only on executors of their own).
   */
  public static Column killExecutorOnFirstAttemptAt(long killAt, Column id) {
    return udf(killAt, true).apply(id);
  }

  /** {@code id}, after the task reading {@code slowAt} paused there for {@code millis}. */
  public static Column slowAt(long slowAt, long millis, Column id) {
    return functions
        .udf(
            (UDF1<Long, Long>)
                v -> {
                  if (v == slowAt) {
                    Thread.sleep(millis);
                  }
                  return v;
                },
            DataTypes.LongType)
        .apply(id);
  }

  private static UserDefinedFunction udf(long at, boolean halt) {
    return functions.udf(
        (UDF1<Long, Long>)
            id -> {
              if (id == at && TaskContext.get().attemptNumber() == 0) {
                if (halt) {
                  Runtime.getRuntime().halt(137);
                }
                throw new IllegalStateException("injected failure of a first attempt");
              }
              return id;
            },
        DataTypes.LongType);
  }
}
