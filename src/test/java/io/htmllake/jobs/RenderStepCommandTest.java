package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** render-step on the real parse-pages step file and on broken ones: JSON out, or exit 2 naming the problem. */
class RenderStepCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PARSE_PAGES = Path.of("emr-steps/parse-pages.json");

  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank() && !l.startsWith("warning:")).toList();
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new RenderStepCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> args(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of(file.toString(), "--ds", "2026-11-21", "--param", "raw_uri=s3://bucket/raw",
        "--param", "lake_uri=s3://bucket/lake", "--param", "jar_uri=s3://bucket/jars/htmllake-jobs.jar"));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void rendersTheParsePagesStepInTheShapeAwsEmrAddStepsReads() throws IOException {
    Run run = run(args(PARSE_PAGES).toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    JsonNode step = JSON.readTree(run.out()).get(0);
    // awscli/customizations/emr/argumentschema.py STEPS_SCHEMA: Type, Name, ActionOnFailure, Jar, Args, MainClass, Properties.
    List<String> keys = new ArrayList<>();
    step.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("Type", "Name", "ActionOnFailure", "Jar", "Args"), keys);
    assertEquals("CUSTOM_JAR", step.get("Type").asText());
    assertEquals("htmllake parse-pages 2026-11-21", step.get("Name").asText());
    assertEquals("command-runner.jar", step.get("Jar").asText());
    assertEquals(List.of("s3://bucket/jars/htmllake-jobs.jar", "--input", "s3://bucket/raw", "--date", "2026-11-21",
        "--output", "s3://bucket/lake"), tail(step.get("Args"), 7));
    assertEquals("spark-submit", step.get("Args").get(0).asText());
    assertTrue(!run.out().contains("{{") && !run.out().contains("}}"), run.out());
  }

  @Test
  void forApiKeepsTheStepConfigShape() throws IOException {
    Run run = run(args(PARSE_PAGES, "--for", "api").toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    JsonNode step = JSON.readTree(run.out()).get(0);
    assertEquals("CONTINUE", step.get("ActionOnFailure").asText());
    assertEquals("command-runner.jar", step.get("HadoopJarStep").get("Jar").asText());
    assertEquals(List.of("--output", "s3://bucket/lake"), tail(step.get("HadoopJarStep").get("Args"), 2));
  }

  private static List<String> tail(JsonNode array, int n) {
    List<String> tail = new ArrayList<>();
    for (int i = array.size() - n; i < array.size(); i++) {
      tail.add(array.get(i).asText());
    }
    return tail;
  }

  @Test
  void writesToOutFile() throws IOException {
    Path out = tmp.resolve("rendered.json");
    Run run = run(args(PARSE_PAGES, "--out", out.toString()).toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.out());
    assertEquals("command-runner.jar", JSON.readTree(out.toFile()).get(0).get("Jar").asText());
  }

  @Test
  void anUnknownTargetIsExit2() {
    Run run = run(args(PARSE_PAGES, "--for", "boto").toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("--for"), run.err());
  }

  @Test
  void aMissingParameterIsExit2NamingIt() {
    Run run = run(PARSE_PAGES.toString(), "--ds", "2026-11-21", "--param", "raw_uri=s3://b/raw", "--param", "jar_uri=s3://b/j.jar");
    assertEquals(2, run.code(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("missing parameter 'lake_uri'"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void anUnusedParameterIsAWarningOnly() {
    Run run = run(args(PARSE_PAGES, "--param", "databse=x").toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("does not use --param databse"), run.err());
  }

  @Test
  void aParamWithoutAValueIsExit2() {
    Run run = run(args(PARSE_PAGES, "--param", "lake_uri").toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("--param"), run.err());
  }

  @Test
  void aBadDateIsExit2() {
    List<String> args = args(PARSE_PAGES);
    args.set(2, "2026-11-31");
    Run run = run(args.toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("--ds"), run.err());
  }

  @Test
  void aMissingFileIsExit2() {
    Run run = run(args(tmp.resolve("nope.json")).toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("no such file"), run.err());
  }

  private static final String GOOD_STEP = """
      {"Name": "n", "ActionOnFailure": "CONTINUE", "HadoopJarStep": {"Jar": "command-runner.jar",
       "Args": ["spark-submit", "--class", "a.B", "{{ params.jar_uri }}", "--date", "{{ ds }}"]}}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "unsupported Jinja;\"--date\", \"{{ ds }}\";\"--date\", \"{{ ds | upper }}\";unsupported Jinja expression '{{ ds | upper }}'",
      "Jinja statement;\"n\";\"{% if ds %}n{% endif %}\";unsupported Jinja syntax",
      "misspelt key;\"ActionOnFailure\";\"ActionOnFail\";unknown key 'ActionOnFail'",
      "bad ActionOnFailure;\"CONTINUE\";\"RETRY\";ActionOnFailure 'RETRY' is not one of",
      "lower-case key;\"Jar\";\"jar\";unknown key 'jar'",
      "JSON boolean;\"n\", \"Action;\"n\", \"x\": true, \"Action;knows no true/false/null",
      "unknown spark-submit option;\"--class\";\"--klass\";unrecognised spark-submit option '--klass'",
      "conf without value;\"--class\", \"a.B\";\"--class\", \"a.B\", \"--conf\", \"spark.x\";--conf needs key=value",
      "not JSON;\"Args\": [;\"Args\": [,;is not valid JSON",
  })
  void aBrokenStepFileIsExit2NamingTheProblem(String what, String from, String to, String expected) throws IOException {
    Path file = tmp.resolve("step.json");
    String json = "[" + GOOD_STEP + "]";
    assertTrue(json.contains(from), what);
    Files.writeString(file, json.replace(from, to));
    Run run = run(args(file).toArray(String[]::new));
    assertEquals(2, run.code(), what + ": " + run.err());
    assertTrue(run.err().contains(expected), what + ": " + run.err());
    assertEquals(1, run.errLines().size(), run.err());
  }

  @Test
  void jsonLiteralsAirflowCannotReadAreRefused() throws IOException {
    Path file = tmp.resolve("step.json");
    Files.writeString(file, "[" + GOOD_STEP.replace("\"Args\"", "\"MainClass\": null, \"Args\"") + "]");
    Run run = run(args(file).toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("ast.literal_eval"), run.err());
  }

  @Test
  void rendersTheEmrServerlessRequest() throws IOException {
    Run run = run(args(Path.of("emr-serverless/parse-pages.json"), "--param", "application_id=00abc", "--param",
        "execution_role_arn=arn:aws:iam::123456789012:role/htmllake").toArray(String[]::new));
    assertEquals(0, run.code(), run.err());
    JsonNode request = JSON.readTree(run.out());
    assertEquals("00abc", request.get("applicationId").asText());
    assertEquals("s3://bucket/jars/htmllake-jobs.jar", request.get("jobDriver").get("sparkSubmit").get("entryPoint").asText());
    assertEquals("[\"--input\",\"s3://bucket/raw\",\"--date\",\"2026-11-21\",\"--output\",\"s3://bucket/lake\"]",
        request.get("jobDriver").get("sparkSubmit").get("entryPointArguments").toString());
  }
}
