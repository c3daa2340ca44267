package io.htmllake.parsers;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link PageParser} with a time limit per record: each record is parsed on a worker thread, and
 * one that takes longer than the limit becomes a {@code timeout} quarantine entry while the caller
 * goes on with the next record on a fresh worker. The late worker is interrupted; the parser's own
 * loops check for that ({@link Interruption}) and stop, so an abandoned parse does not keep a core.
 * Not thread-safe: one per task.
 */
public final class TimeLimitedParser implements AutoCloseable {

  public static final String TIMEOUT = "timeout";
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final long limitNanos;
  private final String limitText;
  private ExecutorService worker;
  private PageParser parser;
  private int abandoned;

  public TimeLimitedParser(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("Cannot limit parse time: the limit must be positive (" + limit + ")");
    }
    this.limitNanos = limit.toNanos();
    this.limitText = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
    start();
  }

  private void start() {
    parser = new PageParser();
    worker = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "htmllake-parse-" + THREADS.incrementAndGet());
      t.setDaemon(true); // an abandoned parse never keeps the executor's JVM alive
      return t;
    });
  }

  /** The record's outcome, or a {@code timeout} quarantine entry when it takes longer than the limit. */
  public RecordOutcome parse(RawRecord record) {
    PageParser current = parser;
    Future<RecordOutcome> outcome = worker.submit(() -> current.parse(record));
    try {
      return outcome.get(limitNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      outcome.cancel(true);
      worker.shutdownNow();
      abandoned++;
      start(); // the late worker may still hold the old parser: never share it
      return Quarantine.of(record, Quarantine.Stage.PARSE, TIMEOUT,
          "Parsing took longer than the limit of " + limitText + " (" + record.payload().length + " bytes); abandoned");
    } catch (ExecutionException e) {
      // PageParser never throws for any bytes; an Error (e.g. OutOfMemoryError) is not bad input.
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Cannot parse " + record.sourceUri() + " at " + record.sourceOffset() + ": " + cause, cause);
    } catch (InterruptedException e) {
      outcome.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot parse " + record.sourceUri() + ": the task was interrupted", e);
    }
  }

  /** Records given up on so far. */
  public int abandoned() {
    return abandoned;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
