package io.htmllake.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.htmllake.jobs.steps.StepFile;
import io.htmllake.jobs.steps.SubmitArguments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code render-step}: fills a step file's placeholders for the AWS CLI
 * ({@code aws emr add-steps --steps file://rendered.json}), checking the result as EMR would.
 */
@Command(name = "render-step", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Fill the {{ ds }}, {{ ds_nodash }} and {{ params.<name> }} placeholders of a step file, check it as EMR would, "
        + "and print the JSON for `aws emr add-steps --steps file://...` (--for api: EMR API StepConfig objects; an EMR "
        + "Serverless request is for `aws emr-serverless start-job-run --cli-input-json file://...`).",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:rendered", "2:bad arguments, a missing or unsupported placeholder, or a step file EMR would reject"})
public final class RenderStepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  StepValuesOptions values;

  @Option(names = "--out", paramLabel = "<file>", description = "Write the rendered JSON here instead of to standard output.")
  Path out;

  /** Who reads the rendered file. */
  enum Target {
    /** {@code aws emr add-steps --steps file://...}: the CLI's own step shape (Type, Name, ActionOnFailure, Jar, Args). */
    AWS_CLI,
    /** The EMR API's StepConfig list, as in the file: boto3 {@code add_job_flow_steps(Steps=...)}, EmrAddStepsOperator(steps=[...]). */
    API
  }

  @Option(names = "--for", defaultValue = "aws-cli", paramLabel = "aws-cli|api", converter = TargetConverter.class,
      description = "aws-cli: the shape `aws emr add-steps --steps file://...` reads (default); api: EMR API StepConfig objects "
          + "as in the file (boto3, Airflow). EMR Serverless requests are the API shape either way.")
  Target target;

  static final class TargetConverter implements picocli.CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      return switch (value) {
        case "aws-cli" -> Target.AWS_CLI;
        case "api" -> Target.API;
        default -> throw new picocli.CommandLine.TypeConversionException("expected aws-cli or api, got '" + value + "'");
      };
    }
  }

  @Override
  public Integer call() {
    JsonNode rendered = values.render(Map.of(), spec.commandLine().getErr());
    checkSubmitArguments(rendered, values.file.toString());
    if (target == Target.AWS_CLI && !StepFile.isServerless(rendered)) {
      try {
        rendered = StepFile.toAwsCliSteps(rendered, values.file.toString());
      } catch (StepFile.InvalidStepFile e) {
        throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot use step file: " + e.getMessage());
      }
    }
    String json = StepFile.write(rendered);
    if (out == null) {
      spec.commandLine().getOut().print(json);
      spec.commandLine().getOut().flush();
    } else {
      try {
        Files.writeString(out, json, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot write --out " + out + ": " + e.getMessage());
      }
    }
    return ExitCode.OK.code();
  }

  /** Every spark-submit command line in the rendered file must parse with Spark's own parser. */
  static void checkSubmitArguments(JsonNode rendered, String file) {
    try {
      if (StepFile.isServerless(rendered)) {
        parse(StepFile.serverlessSubmit(rendered, file), file);
        return;
      }
      for (StepFile.Step step : StepFile.steps(rendered, file)) {
        if (!step.args().isEmpty() && step.args().get(0).equals("spark-submit")) {
          parse(step.args().subList(1, step.args().size()), file + " step '" + step.name() + "'");
        }
      }
    } catch (StepFile.InvalidStepFile e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot use step file: " + e.getMessage());
    }
  }

  static SubmitArguments parse(List<String> submitArgs, String where) {
    try {
      return SubmitArguments.parse(submitArgs);
    } catch (IllegalArgumentException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot use " + where + ": " + e.getMessage());
    }
  }
}
