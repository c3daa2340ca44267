package io.htmllake.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The placeholder subset the step files use, and everything else Jinja could mean, refused by name. */
class StepTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StepTemplate.Values VALUES = new StepTemplate.Values(LocalDate.of(2026, 11, 21),
      Map.of("raw_uri", "s3://bucket/raw", "lake_uri", "s3://bucket/lake"));

  private static JsonNode render(String json) throws Exception {
    return StepTemplate.render(JSON.readTree(json), VALUES);
  }

  private static String failure(String json) {
    return assertThrows(StepTemplate.TemplateException.class, () -> render(json)).getMessage();
  }

  @Test
  void fillsDsDsNodashAndParamsInsideLargerStrings() throws Exception {
    JsonNode out = render("""
        [{"Name": "parse {{ ds }}", "Args": ["{{params.raw_uri}}", "--date", "{{ ds }}", "x-{{ ds_nodash }}-y", "{{  params.lake_uri  }}/t"]}]""");
    assertEquals("parse 2026-11-21", out.get(0).get("Name").asText());
    assertEquals("[\"s3://bucket/raw\",\"--date\",\"2026-11-21\",\"x-20261121-y\",\"s3://bucket/lake/t\"]",
        out.get(0).get("Args").toString());
  }

  @Test
  void leavesKeysNumbersAndPlainStringsAlone() throws Exception {
    JsonNode out = render("{\"Name\": \"no placeholders\", \"n\": 3, \"nested\": {\"k\": [\"a\", 1.5]}}");
    assertEquals("{\"Name\":\"no placeholders\",\"n\":3,\"nested\":{\"k\":[\"a\",1.5]}}", out.toString());
  }

  @Test
  void aMissingParameterIsNamedWithItsPlace() {
    String message = failure("[{\"HadoopJarStep\": {\"Args\": [\"spark-submit\", \"{{ params.jar_uri }}\"]}}]");
    assertTrue(message.contains("missing parameter 'jar_uri'"), message);
    assertTrue(message.contains("[0].HadoopJarStep.Args[1]"), message);
    assertTrue(message.contains("--param jar_uri="), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ ds | replace('-', '') }}",
      "{{ macros.ds_add(ds, 1) }}",
      "{{ ts }}",
      "{{ params.raw_uri ~ '/x' }}",
      "{{ params['raw_uri'] }}",
      "{{ var.value.bucket }}",
  })
  void anUnsupportedExpressionIsRefusedByName(String expression) {
    String message = failure("[\"" + expression + "\"]");
    assertTrue(message.contains("unsupported Jinja expression '" + expression + "'"), message);
    assertTrue(message.contains("at [0]"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{% if params.x %}a{% endif %}", "{# note #}", "{%- set x = 1 -%}"})
  void statementsAndCommentsAreRefused(String text) {
    String message = failure("{\"Name\": \"" + text + "\"}");
    assertTrue(message.contains("unsupported Jinja syntax"), message);
    assertTrue(message.contains("at Name"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{ ds", "ds }}", "{{ ds }} and {{"})
  void unbalancedBracesAreRefused(String text) {
    String message = failure("[\"" + text + "\"]");
    assertTrue(message.contains("unbalanced Jinja braces"), message);
  }

  @Test
  void aPlaceholderInAKeyIsRefused() {
    assertTrue(failure("{\"{{ ds }}\": \"x\"}").contains("not supported in keys"));
  }

  @Test
  void valuesWithQuotesAndBackslashesStayValidJson() throws Exception {
    StepTemplate.Values values = new StepTemplate.Values(LocalDate.of(2026, 1, 2), Map.of("odd", "a\"b\\c {{ ds }}"));
    JsonNode out = StepTemplate.render(JSON.readTree("[\"x={{ params.odd }}\"]"), values);
    JsonNode reread = JSON.readTree(StepFile.write(out));
    // The value is inserted as is: a placeholder inside a parameter value is not rendered again (as in Jinja).
    assertEquals("x=a\"b\\c {{ ds }}", reread.get(0).asText());
  }

  @Test
  void paramsUsedListsEachName() throws Exception {
    assertEquals(Set.of("jar_uri", "raw_uri"),
        StepTemplate.paramsUsed(JSON.readTree("[\"{{ params.raw_uri }}\", {\"a\": [\"{{ params.jar_uri }}/{{ params.raw_uri }}\", \"{{ ds }}\"]}]")));
  }
}
