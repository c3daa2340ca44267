package io.htmllake.jobs.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the Airflow placeholders of a step file the way Airflow would for the subset the files use:
 * {@code {{ ds }}} (the run's date, YYYY-MM-DD), {@code {{ ds_nodash }}} (YYYYMMDD) and
 * {@code {{ params.<name> }}}. Anything else Jinja could mean (filters, other variables, macros,
 * {@code {% %}} statements, {@code {# #}} comments) is refused rather than passed through, so a file
 * that renders here renders the same in Airflow. Only string values are rendered, so a parameter
 * holding quotes or backslashes still yields valid JSON.
 */
public final class StepTemplate {

  /** The values a render fills in: the logical date and the {@code params}. */
  public record Values(LocalDate ds, Map<String, String> params) {
    public Values {
      Objects.requireNonNull(ds, "ds");
      params = Map.copyOf(params);
    }
  }

  /** A placeholder that cannot be filled; the message names it and where it is. */
  public static final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    TemplateException(String message) {
      super(message);
    }
  }

  private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern VARIABLE = Pattern.compile("\\s*(ds|ds_nodash|params\\.([A-Za-z_][A-Za-z0-9_]*))\\s*");
  private static final Pattern OTHER_JINJA = Pattern.compile("\\{%|\\{#|%}|#}");
  private static final DateTimeFormatter NODASH = DateTimeFormatter.ofPattern("uuuuMMdd");

  private StepTemplate() {}

  /** A copy of {@code tree} with every string value rendered. */
  public static JsonNode render(JsonNode tree, Values values) throws TemplateException {
    return render(tree, values, "");
  }

  /** The {@code params.<name>} names a tree uses, so a caller can say which given parameters went unused. */
  public static Set<String> paramsUsed(JsonNode tree) {
    Set<String> names = new TreeSet<>();
    collectParams(tree, names);
    return names;
  }

  /** Renders one string; {@code where} names its place in the file for messages. */
  static String renderString(String text, Values values, String where) throws TemplateException {
    Matcher other = OTHER_JINJA.matcher(text);
    if (other.find()) {
      throw new TemplateException("unsupported Jinja syntax '" + excerpt(text, other.start()) + "' at " + where
          + ": only {{ ds }}, {{ ds_nodash }} and {{ params.<name> }} are supported, no {% %} or {# #}");
    }
    StringBuilder out = new StringBuilder();
    Matcher m = EXPRESSION.matcher(text);
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      out.append(value(m.group(), m.group(1), values, where));
      last = m.end();
    }
    String rest = text.substring(last);
    if (rest.contains("{{") || rest.contains("}}")) {
      throw new TemplateException("unbalanced Jinja braces in '" + text + "' at " + where);
    }
    out.append(rest);
    return out.toString();
  }

  private static String value(String placeholder, String expression, Values values, String where) throws TemplateException {
    Matcher v = VARIABLE.matcher(expression);
    if (!v.matches()) {
      throw new TemplateException("unsupported Jinja expression '" + placeholder + "' at " + where
          + ": only {{ ds }}, {{ ds_nodash }} and {{ params.<name> }} are supported (no filters, macros or other variables)");
    }
    if (v.group(2) != null) {
      String value = values.params().get(v.group(2));
      if (value == null) {
        throw new TemplateException("missing parameter '" + v.group(2) + "' for " + placeholder + " at " + where
            + " (pass --param " + v.group(2) + "=...)");
      }
      return value;
    }
    return v.group(1).equals("ds") ? values.ds().toString() : values.ds().format(NODASH);
  }

  private static JsonNode render(JsonNode node, Values values, String where) throws TemplateException {
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(renderString(node.textValue(), values, where.isEmpty() ? "$" : where));
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(render(node.get(i), values, where + "[" + i + "]"));
      }
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (EXPRESSION.matcher(e.getKey()).find() || OTHER_JINJA.matcher(e.getKey()).find()) {
          throw new TemplateException("placeholders are not supported in keys ('" + e.getKey() + "' at " + where + ")");
        }
        fields.put(e.getKey(), render(e.getValue(), values, (where.isEmpty() ? "" : where + ".") + e.getKey()));
      }
      out.setAll(fields);
      return out;
    }
    return node;
  }

  private static void collectParams(JsonNode node, Set<String> names) {
    if (node.isTextual()) {
      Matcher m = EXPRESSION.matcher(node.textValue());
      while (m.find()) {
        Matcher v = VARIABLE.matcher(m.group(1));
        if (v.matches() && v.group(2) != null) {
          names.add(v.group(2));
        }
      }
    }
    for (JsonNode child : node) {
      collectParams(child, names);
    }
  }

  private static String excerpt(String text, int at) {
    return text.substring(at, Math.min(text.length(), at + 40));
  }
}
