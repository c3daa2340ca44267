package io.htmllake.jobs.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A step file as the EMR API reads it: {@code emr-steps/<job>.json} is a JSON array of
 * {@code StepConfig} ({@code Name}, {@code ActionOnFailure}, {@code HadoopJarStep} with
 * {@code Properties}, {@code Jar}, {@code MainClass}, {@code Args}); {@code emr-serverless/<job>.json}
 * is a {@code StartJobRun} request ({@code applicationId}, {@code executionRoleArn}, {@code name},
 * {@code jobDriver.sparkSubmit} with {@code entryPoint}, {@code entryPointArguments},
 * {@code sparkSubmitParameters}, ...). Key names are case-sensitive in both APIs, so a misspelt
 * key is an error here rather than a rejected request on the cluster.
 */
public final class StepFile {

  /** EMR {@code ActionOnFailure} values (API reference, StepConfig). */
  public static final Set<String> ACTIONS_ON_FAILURE = Set.of("TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE");
  static final Set<String> STEP_KEYS = Set.of("Name", "ActionOnFailure", "HadoopJarStep");
  static final Set<String> JAR_STEP_KEYS = Set.of("Properties", "Jar", "MainClass", "Args");
  static final Set<String> SERVERLESS_KEYS = Set.of("applicationId", "clientToken", "executionRoleArn", "jobDriver",
      "configurationOverrides", "tags", "executionTimeoutMinutes", "name", "mode", "retryPolicy", "executionIamPolicy");
  static final Set<String> SPARK_SUBMIT_KEYS = Set.of("entryPoint", "entryPointArguments", "sparkSubmitParameters");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One EMR step: its name, what EMR does when it fails, and the command {@code command-runner.jar} runs. */
  public record Step(String name, String actionOnFailure, String jar, List<String> args) {
    public Step {
      args = List.copyOf(args);
    }
  }

  /** A step file that is not valid: the message names the file, the place and the rule. */
  public static final class InvalidStepFile extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidStepFile(String message) {
      super(message);
    }
  }

  private StepFile() {}

  public static JsonNode read(Path file) throws IOException, InvalidStepFile {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new InvalidStepFile(file + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
  }

  public static String write(JsonNode tree) {
    try {
      return JSON.writeValueAsString(tree) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** Whether the file is an EMR Serverless {@code StartJobRun} request rather than a list of EMR steps. */
  public static boolean isServerless(JsonNode tree) {
    return tree.isObject() && tree.has("jobDriver");
  }

  /** Checks either shape (see the class comment). */
  public static void validate(JsonNode tree, String file) throws InvalidStepFile {
    if (isServerless(tree)) {
      serverlessSubmit(tree, file);
    } else {
      steps(tree, file);
    }
  }

  /** The steps of an EMR step file, checked against the EMR API's StepConfig shape. */
  public static List<Step> steps(JsonNode tree, String file) throws InvalidStepFile {
    if (!tree.isArray() || tree.isEmpty()) {
      throw new InvalidStepFile(file + ": expected a non-empty JSON array of EMR StepConfig objects");
    }
    literalsOnly(tree, file, "$");
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < tree.size(); i++) {
      String at = file + " step " + i;
      JsonNode step = tree.get(i);
      keys(step, STEP_KEYS, STEP_KEYS, at); // ActionOnFailure is optional in the API; our files always say it
      String action = step.get("ActionOnFailure").asText();
      if (!ACTIONS_ON_FAILURE.contains(action)) {
        throw new InvalidStepFile(at + ": ActionOnFailure '" + action + "' is not one of " + new java.util.TreeSet<>(ACTIONS_ON_FAILURE));
      }
      JsonNode jarStep = step.get("HadoopJarStep");
      keys(jarStep, JAR_STEP_KEYS, Set.of("Jar"), at + " HadoopJarStep");
      List<String> args = new ArrayList<>();
      if (jarStep.has("Args")) {
        JsonNode a = jarStep.get("Args");
        if (!a.isArray()) {
          throw new InvalidStepFile(at + ": HadoopJarStep.Args must be an array of strings");
        }
        for (JsonNode arg : a) {
          if (!arg.isTextual()) {
            throw new InvalidStepFile(at + ": HadoopJarStep.Args must hold only strings, found " + arg);
          }
          args.add(arg.textValue());
        }
      }
      if (jarStep.has("Properties")) {
        for (JsonNode p : jarStep.get("Properties")) {
          keys(p, Set.of("Key", "Value"), Set.of("Key"), at + " HadoopJarStep.Properties");
        }
      }
      steps.add(new Step(step.get("Name").asText(), action, jarStep.get("Jar").asText(), args));
    }
    return steps;
  }

  /**
   * The same steps in the shape {@code aws emr add-steps --steps file://...} reads. That command is an
   * AWS CLI customisation with its own step schema ({@code Type}, {@code Name}, {@code ActionOnFailure},
   * {@code Jar}, {@code Args}, {@code MainClass}, {@code Properties}: no {@code HadoopJarStep} level,
   * and {@code TERMINATE_JOB_FLOW} spelt {@code TERMINATE_CLUSTER}), which it turns back into StepConfig.
   */
  public static JsonNode toAwsCliSteps(JsonNode tree, String file) throws InvalidStepFile {
    List<Step> steps = steps(tree, file);
    com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      JsonNode jarStep = tree.get(i).get("HadoopJarStep");
      if (jarStep.has("Properties") && !jarStep.get("Properties").isEmpty()) {
        throw new InvalidStepFile(file + " step " + i + ": HadoopJarStep.Properties has no aws emr add-steps form here; use --for api");
      }
      com.fasterxml.jackson.databind.node.ObjectNode cli = out.addObject();
      cli.put("Type", "CUSTOM_JAR");
      cli.put("Name", step.name());
      cli.put("ActionOnFailure", step.actionOnFailure().equals("TERMINATE_JOB_FLOW") ? "TERMINATE_CLUSTER" : step.actionOnFailure());
      cli.put("Jar", step.jar());
      if (jarStep.has("MainClass")) {
        cli.put("MainClass", jarStep.get("MainClass").asText());
      }
      com.fasterxml.jackson.databind.node.ArrayNode args = cli.putArray("Args");
      step.args().forEach(args::add);
    }
    return out;
  }

  /** The spark-submit command line of an EMR Serverless StartJobRun request: parameters, entry point, arguments. */
  public static List<String> serverlessSubmit(JsonNode tree, String file) throws InvalidStepFile {
    keys(tree, SERVERLESS_KEYS, Set.of("applicationId", "executionRoleArn", "jobDriver"), file);
    literalsOnly(tree, file, "$");
    JsonNode driver = tree.get("jobDriver");
    keys(driver, Set.of("sparkSubmit", "hive"), Set.of(), file + " jobDriver");
    JsonNode submit = driver.get("sparkSubmit");
    if (submit == null) {
      throw new InvalidStepFile(file + ": jobDriver.sparkSubmit is missing");
    }
    keys(submit, SPARK_SUBMIT_KEYS, Set.of("entryPoint"), file + " jobDriver.sparkSubmit");
    List<String> command = new ArrayList<>();
    if (submit.has("sparkSubmitParameters")) {
      for (String p : submit.get("sparkSubmitParameters").asText().trim().split("\\s+")) {
        if (!p.isEmpty()) {
          command.add(p);
        }
      }
    }
    command.add(submit.get("entryPoint").asText());
    if (submit.has("entryPointArguments")) {
      for (JsonNode arg : submit.get("entryPointArguments")) {
        command.add(arg.asText());
      }
    }
    return command;
  }

  private static void keys(JsonNode node, Set<String> allowed, Set<String> required, String at) throws InvalidStepFile {
    if (node == null || !node.isObject()) {
      throw new InvalidStepFile(at + ": expected a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new InvalidStepFile(at + ": unknown key '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
    for (String key : required) {
      if (!node.has(key)) {
        throw new InvalidStepFile(at + ": missing key '" + key + "'");
      }
    }
  }

  /**
   * Airflow's EmrAddStepsOperator reads a {@code .json} steps file as text, renders it and turns it
   * into Python with {@code ast.literal_eval}, which knows no {@code true}, {@code false} or
   * {@code null}: the files hold only strings, numbers, arrays and objects.
   */
  private static void literalsOnly(JsonNode node, String file, String where) throws InvalidStepFile {
    if (node.isBoolean() || node.isNull()) {
      throw new InvalidStepFile(file + ": " + node + " at " + where
          + " cannot be read by Airflow (ast.literal_eval knows no true/false/null); use a string");
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        literalsOnly(node.get(i), file, where + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        java.util.Map.Entry<String, JsonNode> e = it.next();
        literalsOnly(e.getValue(), file, where + "." + e.getKey());
      }
    }
  }
}
