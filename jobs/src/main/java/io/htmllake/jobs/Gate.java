package io.htmllake.jobs;

import io.htmllake.schemas.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quality check evaluated after the write and reported as data in the manifest. A failed gate
 * makes the run exit 3 with its message; the tables stay written so they can be inspected.
 */
record Gate(String name, boolean passed, double value, double limit, String message) {

  static List<Gate> evaluate(ParsePagesJob.Counts counts, Map<String, Long> written, ParsePagesOptions options) {
    long pages = written.getOrDefault(Tables.PAGES.name(), counts.pages());
    long quarantined = written.getOrDefault(Tables.QUARANTINE.name(), counts.quarantined());

    boolean emptyAllowed = options.allowEmpty() && counts.read() == 0;
    Gate nonEmpty = new Gate("min_pages", pages > 0 || emptyAllowed, pages, 1,
        "Quality gate min_pages failed: " + pages + " pages written from " + counts.read() + " records");

    long candidates = pages + quarantined;
    double ratio = candidates == 0 ? 0 : (double) quarantined / candidates;
    Gate quarantine = new Gate("max_quarantine_ratio", ratio <= options.maxQuarantineRatio(), ratio,
        options.maxQuarantineRatio(), String.format(java.util.Locale.ROOT,
            "Quality gate max_quarantine_ratio failed: %d of %d records quarantined (%.4f > %.4f, see --max-quarantine-ratio)",
            quarantined, candidates, ratio, options.maxQuarantineRatio()));

    long accounted = pages + quarantined + counts.skipped();
    Gate reconciled = new Gate("reconciled", accounted == counts.read(), accounted, counts.read(),
        "Quality gate reconciled failed: pages + quarantine + skipped written = " + accounted + ", records read = " + counts.read());
    return List.of(nonEmpty, quarantine, reconciled);
  }

  /** One gate per --min-non-null column: the share of pages with a value in it. */
  static List<Gate> nonNull(Map<String, Long> nonNullPages, long pages, ParsePagesOptions options) {
    List<Gate> gates = new java.util.ArrayList<>();
    for (Map.Entry<String, Double> limit : options.minNonNull().entrySet()) {
      long withValue = nonNullPages.getOrDefault(limit.getKey(), 0L);
      double ratio = pages == 0 ? 1 : (double) withValue / pages;
      gates.add(new Gate("min_non_null." + limit.getKey(), ratio >= limit.getValue(), ratio, limit.getValue(),
          String.format(java.util.Locale.ROOT, "Quality gate min_non_null.%s failed: %d of %d pages have a %s (%.4f < %.4f, see --min-non-null)",
              limit.getKey(), withValue, pages, limit.getKey(), ratio, limit.getValue())));
    }
    return gates;
  }

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("passed", passed);
    m.put("value", value);
    m.put("limit", limit);
    return m;
  }
}
