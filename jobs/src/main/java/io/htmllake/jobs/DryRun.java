package io.htmllake.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run}, shared by every job as a picocli mixin ({@code @Mixin DryRun dryRun;}): the job
 * validates its arguments and configuration, lists its input, prints a {@link JobPlan} and stops
 * before reading a record or writing a byte. It starts no Spark application.
 */
public final class DryRun {

  @Option(names = "--dry-run",
      description = "Validate arguments and configuration, list the input and print the plan (inputs, outputs, tables, format); read no records, write nothing, start no Spark application.")
  boolean enabled;

  public boolean enabled() {
    return enabled;
  }

  /**
   * The Hadoop configuration a run would use, without starting Spark: the running session's when
   * there is one (tests, the demo), else the one Spark derives from its conf (spark.hadoop.* from
   * spark-submit's --conf, plus core-site.xml on the classpath, EMRFS's included on EMR).
   */
  public static Configuration hadoopConfiguration() {
    scala.Option<SparkSession> active = SparkSession.getActiveSession().orElse(SparkSession::getDefaultSession);
    if (active.isDefined() && !active.get().sparkContext().isStopped()) {
      return active.get().sparkContext().hadoopConfiguration();
    }
    return SparkHadoopUtil.get().newConfiguration(new SparkConf());
  }
}
