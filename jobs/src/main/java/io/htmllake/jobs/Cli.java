package io.htmllake.jobs;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command with the exit-code contract: a bad argument is one line naming the flag
 * and exit 2; a {@link JobException} is its message and its code; anything else prints its stack
 * trace once and exits 1.
 */
public final class Cli {

  private Cli() {}

  public static int execute(Object command, String... args) {
    CommandLine cli = commandLine(command);
    return cli.execute(args);
  }

  static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage() + " (see --help)");
      err.flush();
      return ExitCode.BAD_ARGUMENTS.code();
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      String name = commandLine.getCommandName();
      if (ex instanceof JobException job) {
        err.println(name + ": " + job.getMessage());
        err.flush();
        return job.exitCode().code();
      }
      if (ex instanceof CommandLine.ParameterException pe) {
        err.println(name + ": " + pe.getMessage() + " (see --help)");
        err.flush();
        return ExitCode.BAD_ARGUMENTS.code();
      }
      ex.printStackTrace(err);
      err.println(name + ": failed: " + ex);
      err.flush();
      return ExitCode.FAILED.code();
    });
    return cli;
  }
}
