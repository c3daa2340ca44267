package io.htmllake.jobs;

/** An expected way for a job to end without success: carries the exit code and a one-line message for the operator. */
public class JobException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public JobException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
