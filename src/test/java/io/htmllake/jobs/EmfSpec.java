package io.htmllake.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CloudWatch Embedded Metric Format specification written down as checks (from AWS's
 * "Specification: Embedded metric format" page, and the limits the official EMF client libraries
 * enforce): the root is an object with an {@code _aws} metadata object holding a
 * {@code CloudWatchMetrics} array of metric directives and a {@code Timestamp} in epoch
 * milliseconds; a directive has exactly {@code Namespace}, {@code Dimensions} (arrays of at most 30
 * dimension names) and {@code Metrics} (at most 100 definitions of {@code Name}, optional
 * {@code Unit} from CloudWatch's units and optional {@code StorageResolution} 1 or 60); every name
 * referenced is a root member, dimension values strings, metric values numbers (or arrays of at most
 * 100 numbers).
 */
final class EmfSpec {

  static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
      "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
      "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
      "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");
  private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9._#:/-]{1,255}");
  private static final Set<String> METADATA_MEMBERS = Set.of("CloudWatchMetrics", "Timestamp", "LogGroupName", "LogStreamName");
  private static final Set<String> DIRECTIVE_MEMBERS = Set.of("Namespace", "Dimensions", "Metrics");
  private static final Set<String> DEFINITION_MEMBERS = Set.of("Name", "Unit", "StorageResolution");

  private EmfSpec() {}

  /** Every way the document breaks the specification; empty when it is valid. */
  static List<String> violations(JsonNode root) {
    List<String> v = new ArrayList<>();
    if (root == null || !root.isObject()) {
      v.add("root is not a JSON object");
      return v;
    }
    JsonNode aws = root.get("_aws");
    if (aws == null || !aws.isObject()) {
      v.add("_aws is missing or not an object");
      return v;
    }
    for (Iterator<String> it = aws.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!METADATA_MEMBERS.contains(f)) {
        v.add("_aws has an unknown member " + f);
      }
    }
    JsonNode ts = aws.get("Timestamp");
    if (ts == null || !ts.isIntegralNumber() || ts.asLong() <= 0) {
      v.add("_aws.Timestamp must be a positive integer of epoch milliseconds, got " + ts);
    } else if (ts.asLong() < 1_000_000_000_000L) {
      v.add("_aws.Timestamp looks like seconds, not milliseconds: " + ts);
    }
    JsonNode directives = aws.get("CloudWatchMetrics");
    if (directives == null || !directives.isArray() || directives.isEmpty()) {
      v.add("_aws.CloudWatchMetrics must be a non-empty array");
      return v;
    }
    for (JsonNode d : directives) {
      directive(root, d, v);
    }
    return v;
  }

  private static void directive(JsonNode root, JsonNode d, List<String> v) {
    if (!d.isObject()) {
      v.add("a MetricDirective is not an object");
      return;
    }
    for (Iterator<String> it = d.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!DIRECTIVE_MEMBERS.contains(f)) {
        v.add("MetricDirective has an unknown member " + f);
      }
    }
    JsonNode ns = d.get("Namespace");
    if (ns == null || !ns.isTextual() || !NAMESPACE.matcher(ns.asText()).matches()) {
      v.add("Namespace must be 1-255 characters of [a-zA-Z0-9._#:/-], got " + ns);
    }
    JsonNode dims = d.get("Dimensions");
    if (dims == null || !dims.isArray()) {
      v.add("Dimensions must be an array of dimension sets");
    } else {
      for (JsonNode set : dims) {
        if (!set.isArray()) {
          v.add("a DimensionSet is not an array: " + set);
          continue;
        }
        if (set.size() > 30) {
          v.add("a DimensionSet has more than 30 dimensions: " + set.size());
        }
        for (JsonNode name : set) {
          if (!name.isTextual() || name.asText().isEmpty() || name.asText().length() > 250 || !ascii(name.asText())) {
            v.add("a dimension name must be 1-250 ASCII characters, got " + name);
            continue;
          }
          JsonNode value = root.get(name.asText());
          if (value == null) {
            v.add("dimension " + name.asText() + " has no root member");
          } else if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 1024) {
            v.add("dimension " + name.asText() + " must be a non-blank string of at most 1024 characters, got " + value);
          }
        }
      }
    }
    JsonNode metrics = d.get("Metrics");
    if (metrics == null || !metrics.isArray()) {
      v.add("Metrics must be an array of metric definitions");
      return;
    }
    if (metrics.size() > 100) {
      v.add("more than 100 metric definitions: " + metrics.size());
    }
    Set<String> names = new HashSet<>();
    for (JsonNode m : metrics) {
      for (Iterator<String> it = m.fieldNames(); it.hasNext();) {
        String f = it.next();
        if (!DEFINITION_MEMBERS.contains(f)) {
          v.add("MetricDefinition has an unknown member " + f);
        }
      }
      JsonNode name = m.get("Name");
      if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 1024) {
        v.add("a MetricDefinition needs a Name of 1-1024 characters, got " + name);
        continue;
      }
      if (!names.add(name.asText())) {
        v.add("metric " + name.asText() + " is defined twice");
      }
      JsonNode unit = m.get("Unit");
      if (unit != null && (!unit.isTextual() || !UNITS.contains(unit.asText()))) {
        v.add("metric " + name.asText() + " has a Unit CloudWatch does not know: " + unit);
      }
      JsonNode resolution = m.get("StorageResolution");
      if (resolution != null && !(resolution.isInt() && (resolution.asInt() == 1 || resolution.asInt() == 60))) {
        v.add("metric " + name.asText() + " has a StorageResolution other than 1 or 60: " + resolution);
      }
      JsonNode value = root.get(name.asText());
      if (value == null) {
        v.add("metric " + name.asText() + " has no root member");
      } else if (value.isArray()) {
        if (value.size() > 100) {
          v.add("metric " + name.asText() + " has more than 100 values");
        }
        value.forEach(x -> {
          if (!x.isNumber()) {
            v.add("metric " + name.asText() + " has a value that is not a number: " + x);
          }
        });
      } else if (!value.isNumber()) {
        v.add("metric " + name.asText() + " must be a number, got " + value);
      }
    }
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }
}
