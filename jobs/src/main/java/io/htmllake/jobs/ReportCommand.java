package io.htmllake.jobs;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import scala.Tuple2;

/**
 * {@code htmllake report}: (re)writes the HTML report of the latest run of a job and date from the
 * run manifests under {@code <lake-uri>/_runs/}, and prints its path. Needs no Spark session: it
 * reads manifests only, through the Hadoop FileSystem API (so {@code s3a://} and, on EMR, {@code s3://}).
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Write the HTML run report of a job's latest run for a date, beside its manifest "
        + "(<lake-uri>/_runs/<job>/dt=<date>/<run-id>.html), and print its path.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:anything else", "2:bad arguments", "4:no run of that job and date is recorded"})
public final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "<lake-uri>",
      description = "Curated zone root the job wrote to (its run manifests are under <lake-uri>/_runs/).")
  String output;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "Date of the run.")
  LocalDate date;

  @Option(names = "--job", defaultValue = ParsePagesJob.NAME, paramLabel = "<job>",
      description = "Job whose run to report (default: ${DEFAULT-VALUE}).")
  String job;

  @Override
  public Integer call() throws Exception {
    String report = RunReport.writeLatest(hadoopConfiguration(), output, job, date.toString());
    spec.commandLine().getOut().println(report);
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }

  /** Hadoop's configuration plus the {@code spark.hadoop.*} settings of spark-submit / spark-defaults, as a Spark job would see them. */
  static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> e : new SparkConf().getAll()) {
      if (e._1().startsWith("spark.hadoop.")) {
        conf.set(e._1().substring("spark.hadoop.".length()), e._2());
      }
    }
    return conf;
  }
}
