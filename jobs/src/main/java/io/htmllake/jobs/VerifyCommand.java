package io.htmllake.jobs;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: checks a run's tables against its manifest; usable as a scheduler's last step. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-reads a run's tables and checks them against its manifest: digest, counts, committed files, unique page_id.",
        "Exit 0 when every check passes, 3 when one fails, 4 when there is no run to verify."})
public final class VerifyCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "<lake-uri>", description = "Curated zone root the run wrote to.")
  String output;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "Date partition of the run.")
  LocalDate date;

  @Option(names = "--job", defaultValue = ParsePagesJob.NAME, paramLabel = "parse-pages|extract",
      description = "Job whose run to verify (default: ${DEFAULT-VALUE}); extract: the latest run of every spec table of the date.")
  String job;

  @Option(names = "--run-id", paramLabel = "<id>", description = "Run to verify (default: the date's latest run).")
  String runId;

  @Mixin
  DryRun dryRun;

  /** Entry point for spark-submit. */
  public static void main(String[] args) {
    System.exit(Cli.execute(new VerifyCommand(), args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!RunVerifier.JOBS.contains(job)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--job': expected one of " + String.join(", ", RunVerifier.JOBS) + ", got '" + job + "'");
    }
    if (dryRun.enabled()) {
      // verify only reads: the plan is which manifest it would check. A run not there yet is said, not refused,
      // so that a scheduler's whole chain can be dry-run before its first step has written anything.
      JobPlan.Builder plan = JobPlan.of("verify");
      try {
        for (String path : RunVerifier.manifestPaths(DryRun.hadoopConfiguration(), output, job, date.toString(), runId)) {
          plan.add("input", "manifest", path, "checks its digest, counts, committed files and rows, unique page_id");
        }
      } catch (JobException e) {
        if (e.exitCode() != ExitCode.NO_INPUT) {
          throw e;
        }
        plan.add("input", "manifest", Paths.join(output, "_runs", job, "dt=" + date), "none yet: a run now would exit 4 (" + e.getMessage() + ")");
      }
      plan.setting("job", job).build().print(out);
      return ExitCode.OK.code();
    }
    List<RunVerifier.Check> checks = new java.util.ArrayList<>();
    try (SparkSessions.Owned spark = SparkSessions.open("verify")) {
      RunVerifier verifier = new RunVerifier(spark.session());
      for (String manifest : RunVerifier.manifestPaths(spark.session().sparkContext().hadoopConfiguration(), output, job,
          date.toString(), runId)) {
        List<RunVerifier.Check> found = verifier.verify(manifest);
        out.println("verify " + manifest);
        found.forEach(out::println);
        checks.addAll(found);
      }
    }
    out.flush();
    List<RunVerifier.Check> failed = checks.stream().filter(c -> !c.passed()).toList();
    if (failed.isEmpty()) {
      return ExitCode.OK.code();
    }
    spec.commandLine().getErr().println("verify: " + failed.size() + " of " + checks.size() + " checks failed, first: "
        + failed.get(0).name() + ": " + failed.get(0).detail());
    return ExitCode.QUALITY_GATE.code();
  }
}
