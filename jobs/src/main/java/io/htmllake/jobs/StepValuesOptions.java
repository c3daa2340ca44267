package io.htmllake.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.htmllake.jobs.steps.StepFile;
import io.htmllake.jobs.steps.StepTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The file, {@code --ds} and {@code --param} of render-step and run-step, and the render they share. */
final class StepValuesOptions {

  @Parameters(index = "0", paramLabel = "<step-file>", description = "An EMR step file (emr-steps/<job>.json) or EMR Serverless request (emr-serverless/<job>.json).")
  Path file;

  @Option(names = "--ds", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "The run's logical date: fills {{ ds }} and {{ ds_nodash }}.")
  LocalDate ds;

  @Option(names = "--param", paramLabel = "<name>=<value>",
      description = "Fills {{ params.<name> }}; repeat for each parameter (raw_uri, lake_uri, jar_uri, ...).")
  Map<String, String> params = new LinkedHashMap<>();

  /**
   * Reads, checks and renders the file with these values plus {@code extra} (which win).
   *
   * @throws JobException exit 2 naming the file and the problem: unreadable, not JSON, not the EMR shape, a placeholder
   *     that is missing or not supported
   */
  JsonNode render(Map<String, String> extra, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot read step file: no such file (" + file + ")");
    }
    Map<String, String> values = new LinkedHashMap<>(params);
    values.putAll(extra);
    try {
      JsonNode template = StepFile.read(file);
      StepFile.validate(template, file.toString());
      JsonNode rendered = StepTemplate.render(template, new StepTemplate.Values(ds, values));
      Set<String> unused = new TreeSet<>(params.keySet());
      unused.removeAll(StepTemplate.paramsUsed(template));
      if (!unused.isEmpty()) {
        err.println("warning: " + file + " does not use --param " + String.join(", ", unused));
        err.flush();
      }
      return rendered;
    } catch (StepTemplate.TemplateException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot render " + file + ": " + e.getMessage());
    } catch (StepFile.InvalidStepFile e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot use step file: " + e.getMessage());
    } catch (IOException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot read step file " + file + ": " + e.getMessage());
    }
  }
}
