package io.htmllake.jobs.steps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.SparkSubmitArgumentsParser;

/**
 * The arguments of one {@code spark-submit} command line, read by Spark's own option parser
 * ({@code org.apache.spark.launcher.SparkSubmitOptionParser}, reached through spark-core's public
 * {@link SparkSubmitArgumentsParser}): the same option names, {@code --opt value} and
 * {@code --opt=value} forms, and the same rule that the first argument that is not an option is the
 * primary resource (the job jar) and everything after it goes to the application.
 */
public final class SubmitArguments {

  private final String mainClass;
  private final String master;
  private final String deployMode;
  private final String appName;
  private final Map<String, String> conf;
  private final Map<String, String> otherOptions;
  private final String primaryResource;
  private final List<String> appArgs;

  private SubmitArguments(Parser p) {
    this.mainClass = p.mainClass;
    this.master = p.master;
    this.deployMode = p.deployMode;
    this.appName = p.appName;
    this.conf = Collections.unmodifiableMap(p.conf);
    this.otherOptions = Collections.unmodifiableMap(p.other);
    this.primaryResource = p.primaryResource;
    this.appArgs = List.copyOf(p.appArgs);
  }

  /**
   * Parses the arguments that follow {@code spark-submit}.
   *
   * @throws IllegalArgumentException naming the option, for an unknown option, an option without its
   *     value, a {@code --conf} without {@code =}, or a command without a primary resource
   */
  public static SubmitArguments parse(List<String> args) {
    Parser parser = new Parser();
    parser.read(args);
    if (parser.primaryResource == null) {
      throw new IllegalArgumentException("spark-submit has no application jar (the first argument that is not an option)");
    }
    return new SubmitArguments(parser);
  }

  /** {@code --class}, or null. */
  public String mainClass() {
    return mainClass;
  }

  /** {@code --master}, or null. */
  public String master() {
    return master;
  }

  /** {@code --deploy-mode}, or null. */
  public String deployMode() {
    return deployMode;
  }

  /** {@code --name}, or null. */
  public String appName() {
    return appName;
  }

  /** Every {@code --conf key=value}, in order (a repeated key keeps the last value, as spark-submit does). */
  public Map<String, String> conf() {
    return conf;
  }

  /** The other spark-submit options given (e.g. {@code --driver-memory → 4g}); switches map to "". */
  public Map<String, String> otherOptions() {
    return otherOptions;
  }

  public String primaryResource() {
    return primaryResource;
  }

  /** The application's own arguments (after the primary resource). */
  public List<String> appArgs() {
    return appArgs;
  }

  private static final class Parser extends SparkSubmitArgumentsParser {
    String mainClass;
    String master;
    String deployMode;
    String appName;
    final Map<String, String> conf = new LinkedHashMap<>();
    final Map<String, String> other = new LinkedHashMap<>();
    String primaryResource;
    final List<String> appArgs = new ArrayList<>();

    void read(List<String> args) {
      parse(args);
    }

    @Override
    protected boolean handle(String opt, String value) {
      if (CLASS.equals(opt)) {
        mainClass = value;
      } else if (MASTER.equals(opt)) {
        master = value;
      } else if (DEPLOY_MODE.equals(opt)) {
        if (!"client".equals(value) && !"cluster".equals(value)) {
          throw new IllegalArgumentException("--deploy-mode must be client or cluster, got '" + value + "'");
        }
        deployMode = value;
      } else if (NAME.equals(opt)) {
        appName = value;
      } else if (CONF.equals(opt)) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--conf needs key=value, got '" + value + "'");
        }
        conf.put(value.substring(0, eq), value.substring(eq + 1));
      } else {
        other.put(opt, value == null ? "" : value);
      }
      return true;
    }

    @Override
    protected boolean handleUnknown(String opt) {
      if (opt.startsWith("-")) {
        throw new IllegalArgumentException("unrecognised spark-submit option '" + opt + "'");
      }
      primaryResource = opt;
      return false; // the rest belongs to the application
    }

    @Override
    protected void handleExtraArgs(List<String> extra) {
      appArgs.addAll(extra);
    }
  }
}
