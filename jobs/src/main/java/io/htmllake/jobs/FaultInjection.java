package io.htmllake.jobs;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Test-only fault injection, off unless the Spark conf {@value #FAIL_FIRST_ATTEMPT} is true: then
 * the first attempt of every parse task and every write task fails after it has produced all its
 * rows (so a write task has already written its files), and Spark must retry it. The fault-tolerance
 * tests prove that the output then equals a clean run's. Read from the executor's SparkEnv, so it is
 * the same on every executor and never a driver-side static.
 */
final class FaultInjection {

  static final String FAIL_FIRST_ATTEMPT = "spark.htmllake.test.failFirstAttempt";

  private FaultInjection() {}

  static boolean enabled() {
    SparkEnv env = SparkEnv.get();
    return env != null && env.conf().getBoolean(FAIL_FIRST_ATTEMPT, false);
  }

  /** The rows unchanged, or (when enabled) through a step that fails each task's first attempt at its end. */
  static Dataset<Row> failFirstAttempts(Dataset<Row> rows) {
    if (!enabled()) {
      return rows;
    }
    return rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> failAtEnd(it, "write"), Encoders.row(rows.schema()));
  }

  /** The iterator unchanged, or (when enabled and this is a task's first attempt) one that throws once exhausted. */
  static <T> Iterator<T> failAtEnd(Iterator<T> rows, String stage) {
    TaskContext task = TaskContext.get();
    if (!enabled() || task == null || task.attemptNumber() > 0) {
      return rows;
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (rows.hasNext()) {
          return true;
        }
        throw new IllegalStateException("Injected fault (" + FAIL_FIRST_ATTEMPT + "): first attempt of " + stage
            + " task " + task.partitionId() + " in stage " + task.stageId() + " fails after its last row");
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return rows.next();
      }
    };
  }
}
