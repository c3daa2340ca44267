package io.htmllake.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/htmllake <job> [args]}: every job under one command, for local runs. On a cluster each
 * job has its own main class for spark-submit (e.g. {@link ParsePagesJob}).
 */
@Command(name = "htmllake", mixinStandardHelpOptions = true,
    description = "Spark batch jobs that turn raw crawled HTML into date-partitioned tables.",
    subcommands = {ParsePagesCommand.class, MaintainCommand.class, ExtractCommand.class, RegisterCommand.class, VerifyCommand.class, ReportCommand.class, RenderStepCommand.class, RunStepCommand.class,
        DemoCommand.class, BenchCommand.class, S3BenchCommand.class,
        io.htmllake.jobs.eval.EvalCommand.class})
public final class HtmlLake implements Runnable {

  public static void main(String[] args) {
    System.exit(Cli.execute(new HtmlLake(), args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "Missing job: one of parse-pages, maintain, extract, register, verify, report, render-step, run-step, demo, bench, bench-s3, eval");
  }
}
