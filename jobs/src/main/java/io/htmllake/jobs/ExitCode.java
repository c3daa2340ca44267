package io.htmllake.jobs;

/** Exit status a scheduler sees; the numbers are part of the product contract. */
public enum ExitCode {
  OK(0),
  FAILED(1),
  BAD_ARGUMENTS(2),
  QUALITY_GATE(3),
  NO_INPUT(4),
  CONCURRENT_RUN(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
