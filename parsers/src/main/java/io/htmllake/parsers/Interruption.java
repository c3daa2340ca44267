package io.htmllake.parsers;

/**
 * Lets the parser's long loops notice that {@link TimeLimitedParser} gave up on the record: they
 * call {@link #check} now and then, which ends the parse once the worker thread is interrupted.
 */
final class Interruption {

  private Interruption() {}

  /** Thrown inside an abandoned parse; nobody reads its outcome. */
  static final class Abandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super("parse abandoned after its time limit", null, false, false);
    }
  }

  /** Checks every 1024th call of a loop: {@code if ((++n & 1023) == 0) Interruption.check();} is cheaper still. */
  static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Abandoned();
    }
  }
}
