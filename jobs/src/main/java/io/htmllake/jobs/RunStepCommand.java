package io.htmllake.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.htmllake.jobs.steps.StepFile;
import io.htmllake.jobs.steps.SubmitArguments;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.launcher.JavaModuleOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run-step}: runs an EMR step file on this machine, the way EMR's command-runner would run its
 * {@code spark-submit} line, but in local mode. Each step's arguments are read with Spark's own
 * spark-submit parser ({@link SubmitArguments}); the named main class then runs in a child JVM
 * whose classpath is the local job jar plus this JVM's classpath, with every {@code --conf} as a
 * {@code spark.*} system property (exactly how spark-submit hands conf to a driver), the master
 * replaced by a local one and the deploy mode by {@code client}.
 *
 * <p>A child JVM rather than a call in this one: the step's real {@code main} runs, with its own
 * {@code System.exit} status (what EMR and the scheduler see), its static Spark settings
 * ({@code spark.sql.extensions}, the catalog, the serializer) apply to a fresh session instead of
 * being silently ignored by an already running one, and any job class works without a registry.
 */
@Command(name = "run-step", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Render an EMR step file and run each step locally: spark-submit arguments read with Spark's own parser, "
        + "--conf applied, the main class run in local mode in a child JVM, {{ params.jar_uri }} replaced by the local job jar.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every step succeeded", "2:bad arguments, step file or spark-submit line",
        "other:the exit status of the first step that failed (the job's own: 1, 3, 4, 5)"})
public final class RunStepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StepValuesOptions values;

  @Option(names = "--jar", paramLabel = "<jar-or-dir>",
      description = "The local job jar that replaces {{ params.jar_uri }} (default: where this htmllake runs from, e.g. target/classes).")
  Path jar;

  @Option(names = "--master", paramLabel = "<local[N]>", description = "Local master that replaces the step's (default: -Dspark.master, else local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "<key>=<value>", description = "Extra Spark conf for the local run, applied after the step's (e.g. spark.ui.enabled=false).")
  Map<String, String> localConf = new LinkedHashMap<>();

  @Option(names = "--driver-memory", defaultValue = "2g", paramLabel = "<size>",
      description = "Heap of the local driver JVM (the step's --driver-memory is meant for a cluster node; default: ${DEFAULT-VALUE}).")
  String driverMemory;

  @Option(names = "--dry-run", description = "Pass --dry-run to each job: validate and print its plan, read and write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path jobJar = (jar != null ? jar : codeLocation()).toAbsolutePath().normalize();
    if (!Files.exists(jobJar)) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run steps: --jar " + jobJar + " does not exist");
    }
    JsonNode rendered = values.render(Map.of("jar_uri", jobJar.toString()), err);
    if (StepFile.isServerless(rendered)) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + values.file + ": an EMR Serverless request; run-step runs EMR step files");
    }
    List<StepFile.Step> steps;
    try {
      steps = StepFile.steps(rendered, values.file.toString());
    } catch (StepFile.InvalidStepFile e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot use step file: " + e.getMessage());
    }
    List<LocalRun> runs = new ArrayList<>();
    for (StepFile.Step step : steps) {
      runs.add(prepare(step, jobJar));
    }
    int status = ExitCode.OK.code();
    for (int i = 0; i < runs.size(); i++) {
      LocalRun run = runs.get(i);
      out.printf("run-step: step %d/%d '%s': %s on %s%s%n", i + 1, runs.size(), run.step().name(), run.mainClass(),
          run.master(), dryRun ? " (--dry-run)" : "");
      run.notes().forEach(n -> out.println("run-step:   " + n));
      out.flush();
      int code = run.execute(out, err);
      out.printf("run-step: step '%s' exited %d%n", run.step().name(), code);
      out.flush();
      if (code != 0) {
        if (status == 0) {
          status = code;
        }
        if (!run.step().actionOnFailure().equals("CONTINUE")) {
          if (i + 1 < runs.size()) {
            out.printf("run-step: ActionOnFailure %s: the %d remaining step(s) are cancelled%n", run.step().actionOnFailure(), runs.size() - i - 1);
          }
          break;
        }
      }
    }
    return status;
  }

  /** One step, checked and turned into a child-JVM command line before anything runs. */
  LocalRun prepare(StepFile.Step step, Path jobJar) {
    String where = values.file + " step '" + step.name() + "'";
    if (!"command-runner.jar".equals(step.jar())) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + where + ": Jar is " + step.jar() + ", run-step runs command-runner.jar steps");
    }
    if (step.args().isEmpty() || !step.args().get(0).equals("spark-submit")) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + where + ": Args must start with spark-submit");
    }
    SubmitArguments submit = RenderStepCommand.parse(step.args().subList(1, step.args().size()), where);
    if (submit.mainClass() == null) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + where + ": spark-submit has no --class");
    }
    checkMain(submit.mainClass(), jobJar, where);

    List<String> notes = new ArrayList<>();
    String localMaster = master != null ? master : System.getProperty("spark.master", "local[*]");
    if (submit.master() != null || submit.deployMode() != null) {
      String given = (submit.master() == null ? "" : "--master " + submit.master() + " ")
          + (submit.deployMode() == null ? "" : "--deploy-mode " + submit.deployMode() + " ");
      notes.add(given + "replaced by --master " + localMaster + " --deploy-mode client");
    }
    if (!submit.primaryResource().equals(jobJar.toString())) {
      notes.add("application jar " + submit.primaryResource() + " replaced by " + jobJar);
    }
    if (!submit.otherOptions().isEmpty()) {
      notes.add("not applied locally: " + submit.otherOptions());
    }
    Map<String, String> conf = new LinkedHashMap<>(submit.conf());
    conf.putAll(localConf);
    conf.put("spark.master", localMaster);
    conf.put("spark.submit.deployMode", "client");
    conf.putIfAbsent("spark.app.name", submit.appName() != null ? submit.appName() : step.name());
    submit.conf().forEach((k, v) -> notes.add("--conf " + k + "=" + v));

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + driverMemory);
    command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    for (String passOn : List.of("log4j2.configurationFile", "htmllake.home")) {
      if (System.getProperty(passOn) != null) {
        command.add("-D" + passOn + "=" + System.getProperty(passOn));
      }
    }
    conf.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(jobJar + File.pathSeparator + System.getProperty("java.class.path"));
    command.add(submit.mainClass());
    command.addAll(submit.appArgs());
    if (dryRun) {
      command.add("--dry-run");
    }
    return new LocalRun(step, submit.mainClass(), localMaster, List.copyOf(notes), List.copyOf(command));
  }

  /** The class must be in the job jar (or on this classpath) and have {@code public static void main(String[])}. */
  private static void checkMain(String className, Path jobJar, String where) {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jobJar.toUri().toURL()}, RunStepCommand.class.getClassLoader())) {
      Class<?> main = Class.forName(className, false, loader);
      Method m = main.getMethod("main", String[].class);
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != void.class) {
        throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + where + ": " + className + ".main is not public static void");
      }
    } catch (ClassNotFoundException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + where + ": main class " + className + " is not in " + jobJar);
    } catch (NoSuchMethodException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot run " + where + ": " + className + " has no public static void main(String[])");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path codeLocation() {
    try {
      return Path.of(HtmlLake.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the htmllake classes: " + e.getMessage(), e);
    }
  }

  /** A prepared step: the child JVM's command line and what run-step changed for the local run. */
  record LocalRun(StepFile.Step step, String mainClass, String master, List<String> notes, List<String> command) {

    int execute(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      Thread stdout = pump(process.getInputStream(), out, "run-step-stdout");
      Thread stderr = pump(process.getErrorStream(), err, "run-step-stderr");
      try {
        int code = process.waitFor();
        stdout.join();
        stderr.join();
        return code;
      } finally {
        process.destroy();
      }
    }

    private static Thread pump(InputStream in, PrintWriter to, String name) {
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            synchronized (to) {
              to.println(line);
              to.flush();
            }
          }
        } catch (IOException e) {
          // the child is gone; its exit status says what happened
        }
      }, name);
      t.setDaemon(true);
      t.start();
      return t;
    }
  }
}
