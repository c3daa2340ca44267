package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-step's own behaviour, with a tiny main class instead of a Spark job (EmrStepsIT runs the real
 * ones): what reaches the child JVM, exit statuses, ActionOnFailure, and the errors caught before
 * anything runs.
 */
class RunStepCommandTest {

  @TempDir
  Path tmp;

  /** The child's main: prints what it received, exits with its first argument. */
  public static final class EchoMain {
    public static void main(String[] args) {
      System.out.println("echo args=" + String.join(" ", args));
      System.out.println("echo spark.master=" + System.getProperty("spark.master"));
      System.out.println("echo spark.submit.deployMode=" + System.getProperty("spark.submit.deployMode"));
      System.out.println("echo spark.app.name=" + System.getProperty("spark.app.name"));
      System.out.println("echo spark.x=" + System.getProperty("spark.x"));
      System.out.println("echo spark.y=" + System.getProperty("spark.y"));
      System.exit(Integer.parseInt(args[0]));
    }
  }

  record Run(int code, String out, String err) {}

  private Run run(String stepsJson, String... extra) throws IOException {
    Path file = tmp.resolve("steps.json");
    Files.writeString(file, stepsJson);
    List<String> args = new ArrayList<>(List.of(file.toString(), "--ds", "2026-11-21", "--driver-memory", "256m"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new RunStepCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static String step(String name, String action, String exitCode) {
    return """
        {"Name": "%s", "ActionOnFailure": "%s", "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["spark-submit",
         "--master", "yarn", "--deploy-mode", "cluster", "--class", "io.htmllake.jobs.RunStepCommandTest$EchoMain",
         "--conf", "spark.x=from-step", "--conf", "spark.y=from-step", "{{ params.jar_uri }}", "%s", "--date", "{{ ds }}"]}}"""
        .formatted(name, action, exitCode);
  }

  @Test
  void theChildGetsTheStepsConfLocalMasterAndApplicationArguments() throws IOException {
    Run run = run("[" + step("one", "CONTINUE", "0") + "]", "--master", "local[1]", "--conf", "spark.y=local");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("echo args=0 --date 2026-11-21"), run.out());
    assertTrue(run.out().contains("echo spark.master=local[1]"), run.out());
    assertTrue(run.out().contains("echo spark.submit.deployMode=client"), run.out());
    assertTrue(run.out().contains("echo spark.app.name=one"), run.out());
    assertTrue(run.out().contains("echo spark.x=from-step"), run.out());
    assertTrue(run.out().contains("echo spark.y=local"), "run-step's --conf wins over the step's: " + run.out());
    assertTrue(run.out().contains("--master yarn --deploy-mode cluster replaced by --master local[1] --deploy-mode client"), run.out());
  }

  @Test
  void continueRunsTheNextStepAndTheFirstFailureIsTheStatus() throws IOException {
    Run run = run("[" + step("a", "CONTINUE", "3") + "," + step("b", "CONTINUE", "4") + "," + step("c", "CONTINUE", "0") + "]");
    assertEquals(3, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("step 'a' exited 3") && run.out().contains("step 'b' exited 4") && run.out().contains("step 'c' exited 0"),
        run.out());
  }

  @Test
  void cancelAndWaitCancelsTheRemainingSteps() throws IOException {
    Run run = run("[" + step("a", "CANCEL_AND_WAIT", "5") + "," + step("b", "CONTINUE", "0") + "]");
    assertEquals(5, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("the 1 remaining step(s) are cancelled"), run.out());
    assertFalse(run.out().contains("step 2/2"), run.out());
  }

  @Test
  void anUnknownMainClassIsExit2BeforeAnythingRuns() throws IOException {
    Run run = run("[" + step("a", "CONTINUE", "0") + "," + step("b", "CONTINUE", "0").replace("RunStepCommandTest$EchoMain", "NoSuchJob") + "]");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("main class io.htmllake.jobs.NoSuchJob is not in"), run.err());
    assertFalse(run.out().contains("echo"), "no step ran: " + run.out());
  }

  @Test
  void aClassWithoutMainIsExit2() throws IOException {
    Run run = run("[" + step("a", "CONTINUE", "0").replace("RunStepCommandTest$EchoMain", "RunStepCommandTest") + "]");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("has no public static void main"), run.err());
  }

  @Test
  void aStepThatIsNotSparkSubmitIsExit2() throws IOException {
    Run run = run("[" + step("a", "CONTINUE", "0").replace("\"spark-submit\"", "\"hadoop-streaming\"") + "]");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("Args must start with spark-submit"), run.err());
  }

  @Test
  void aJarOtherThanCommandRunnerIsExit2() throws IOException {
    Run run = run("[" + step("a", "CONTINUE", "0").replace("command-runner.jar", "s3://b/custom.jar") + "]");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("run-step runs command-runner.jar steps"), run.err());
  }

  @Test
  void anEmrServerlessRequestIsExit2() throws IOException {
    Run run = run(Files.readString(Path.of("emr-serverless/parse-pages.json")), "--param", "application_id=x",
        "--param", "execution_role_arn=y", "--param", "raw_uri=r", "--param", "lake_uri=l");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("EMR Serverless"), run.err());
  }

  @Test
  void aMissingJarIsExit2() throws IOException {
    Run run = run("[" + step("a", "CONTINUE", "0") + "]", "--jar", tmp.resolve("nope.jar").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("--jar"), run.err());
  }
}
