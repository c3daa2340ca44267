package io.htmllake.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code emr-steps/*.json} (and {@code emr-serverless/*.json}), checked against the
 * AWS APIs as documented, independently of the project's own validator: valid JSON, the exact key
 * names and ActionOnFailure values, command-runner.jar, a spark-submit line Spark's parser reads,
 * and a {@code --class} with a public static main. A new file is covered by being there. Running the
 * steps (dry run and end to end, with the built jar) is {@code EmrStepsIT}, after {@code package}.
 */
class EmrStepFilesTest {

  // https://docs.aws.amazon.com/emr/latest/APIReference/API_StepConfig.html and API_HadoopJarStepConfig.html
  private static final Set<String> STEP_CONFIG = Set.of("Name", "ActionOnFailure", "HadoopJarStep");
  private static final Set<String> HADOOP_JAR_STEP = Set.of("Properties", "Jar", "MainClass", "Args");
  private static final Set<String> ACTION_ON_FAILURE = Set.of("TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE");
  // https://docs.aws.amazon.com/emr-serverless/latest/APIReference/API_StartJobRun.html and API_SparkSubmit.html
  private static final Set<String> START_JOB_RUN = Set.of("applicationId", "clientToken", "executionRoleArn", "jobDriver",
      "configurationOverrides", "tags", "executionTimeoutMinutes", "name", "mode", "retryPolicy", "executionIamPolicy");
  private static final Set<String> SPARK_SUBMIT = Set.of("entryPoint", "entryPointArguments", "sparkSubmitParameters");

  /** The parameters the README documents; a file may use no others. */
  static final Map<String, String> DOCUMENTED_PARAMS = Map.of("raw_uri", "s3://bucket/raw", "lake_uri", "s3://bucket/lake",
      "jar_uri", "s3://bucket/jars/htmllake-jobs.jar", "database", "htmllake", "spec_uri", "s3://bucket/specs/lodging.yaml", "format", "parquet",
      "application_id", "00abcdef", "execution_role_arn", "arn:aws:iam::123456789012:role/htmllake");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(ds|ds_nodash|params\\.(\\w+))\\s*}}");
  private static final Pattern SECRET = Pattern.compile("(?i)secret|password|passwd|access[._-]?key|session[._-]?token|AKIA[0-9A-Z]{16}");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> stepFiles() throws IOException {
    return files("emr-steps");
  }

  static Stream<Path> serverlessFiles() throws IOException {
    return files("emr-serverless");
  }

  private static Stream<Path> files(String dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(dir))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no step files in " + dir);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("stepFiles")
  void isAnArrayOfEmrStepConfigsRunningSparkSubmitThroughCommandRunner(Path file) throws Exception {
    JsonNode steps = JSON.readTree(file.toFile());
    assertTrue(steps.isArray() && !steps.isEmpty(), file + ": a non-empty array");
    for (JsonNode step : steps) {
      assertEquals(STEP_CONFIG, names(step), file + ": StepConfig keys (all three, spelt as the API)");
      assertTrue(ACTION_ON_FAILURE.contains(step.get("ActionOnFailure").asText()), file + ": " + step.get("ActionOnFailure"));
      assertTrue(step.get("Name").asText().length() <= 256, file + ": Name is at most 256 characters");
      JsonNode jarStep = step.get("HadoopJarStep");
      assertTrue(HADOOP_JAR_STEP.containsAll(names(jarStep)), file + ": HadoopJarStep keys " + names(jarStep));
      assertEquals("command-runner.jar", jarStep.get("Jar").asText(), file.toString());
      List<String> args = strings(jarStep.get("Args"), file);
      assertEquals("spark-submit", args.get(0), file.toString());

      SubmitArguments submit = SubmitArguments.parse(args.subList(1, args.size()));
      assertEquals("cluster", submit.deployMode(), file + ": the driver runs on the cluster, not on the primary node");
      assertEquals("{{ params.jar_uri }}", submit.primaryResource(), file + ": the application jar is the jar_uri parameter");
      assertEquals("dynamic", submit.conf().get("spark.sql.sources.partitionOverwriteMode"), file + ": rerun-safe overwrite");
      assertEquals("1", submit.conf().get("spark.yarn.maxAppAttempts"), file + ": the scheduler, not YARN, retries a run");
      assertTrue(submit.appArgs().containsAll(List.of("--date", "{{ ds }}")), file + ": the run's date is {{ ds }}");
      assertHasPublicStaticMain(submit.mainClass(), file);
    }
    assertAirflowCanReadIt(steps, file);
  }

  @ParameterizedTest
  @MethodSource("serverlessFiles")
  void isAnEmrServerlessStartJobRunRequest(Path file) throws Exception {
    JsonNode request = JSON.readTree(file.toFile());
    assertTrue(START_JOB_RUN.containsAll(names(request)), file + ": StartJobRun keys " + names(request));
    assertTrue(names(request).containsAll(Set.of("applicationId", "executionRoleArn", "jobDriver")), file.toString());
    assertEquals(Set.of("sparkSubmit"), names(request.get("jobDriver")), file.toString());
    JsonNode submit = request.get("jobDriver").get("sparkSubmit");
    assertEquals(SPARK_SUBMIT, names(submit), file.toString());
    assertEquals("{{ params.jar_uri }}", submit.get("entryPoint").asText(), file.toString());
    List<String> command = new ArrayList<>(List.of(submit.get("sparkSubmitParameters").asText().trim().split("\\s+")));
    command.add(submit.get("entryPoint").asText());
    command.addAll(strings(submit.get("entryPointArguments"), file));
    SubmitArguments parsed = SubmitArguments.parse(command);
    assertEquals(strings(submit.get("entryPointArguments"), file), parsed.appArgs(), file.toString());
    assertEquals("dynamic", parsed.conf().get("spark.sql.sources.partitionOverwriteMode"), file.toString());
    assertHasPublicStaticMain(parsed.mainClass(), file);
    assertAirflowCanReadIt(request, file);
  }

  private static void assertHasPublicStaticMain(String className, Path file) {
    assertNotNull(className, file + ": --class");
    try {
      Method main = Class.forName(className).getMethod("main", String[].class);
      assertTrue(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers()), className + ".main");
      assertEquals(void.class, main.getReturnType(), className + ".main");
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      fail(file + ": " + className + " has no public static void main(String[]): " + e);
    }
  }

  /**
   * Airflow renders the file as text and reads it with ast.literal_eval: only the placeholders the
   * README documents, no true/false/null, no secrets; and with the documented parameters nothing is
   * left to render.
   */
  private static void assertAirflowCanReadIt(JsonNode tree, Path file) throws Exception {
    String text = Files.readString(file);
    assertFalse(Pattern.compile(":\\s*(true|false|null)\\b|[\\[,]\\s*(true|false|null)\\b").matcher(text).find(),
        file + ": ast.literal_eval knows no true/false/null");
    assertFalse(SECRET.matcher(text).find(), file + ": step files hold no credentials");
    var m = Pattern.compile("\\{\\{.*?}}").matcher(text);
    while (m.find()) {
      var p = PLACEHOLDER.matcher(m.group());
      assertTrue(p.matches(), file + ": " + m.group() + " is not a documented placeholder");
      assertTrue(p.group(2) == null || DOCUMENTED_PARAMS.containsKey(p.group(2)), file + ": params." + p.group(2) + " is not documented");
    }
    String rendered = StepFile.write(StepTemplate.render(tree, new StepTemplate.Values(LocalDate.of(2026, 11, 21), DOCUMENTED_PARAMS)));
    assertFalse(rendered.contains("{{") || rendered.contains("{%"), rendered);
  }

  private static Set<String> names(JsonNode node) {
    assertTrue(node != null && node.isObject(), "expected an object: " + node);
    Set<String> names = new HashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String> strings(JsonNode array, Path file) {
    assertTrue(array != null && array.isArray(), file + ": expected an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      assertTrue(n.isTextual(), file + ": " + n + " is not a string");
      out.add(n.textValue());
    }
    return out;
  }
}
