package io.htmllake.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a run stand out against the previous dates of the same job (at most {@value #BASELINE}
 * of them): a quarantine reason none of them had; fewer than half as many pages as their median;
 * a quarantine ratio at least twice their median and at least one percentage point above it.
 */
final class Deviations {

  static final int BASELINE = 14;
  static final String NEW_QUARANTINE_REASON = "new_quarantine_reason";
  static final String PAGE_COUNT_DROP = "page_count_drop";
  static final String QUARANTINE_RATIO_JUMP = "quarantine_ratio_jump";

  /** One deviation: a stable code, the subject (a reason, or the figure's name) and a sentence for people. */
  record Deviation(String code, String subject, String message) {}

  private Deviations() {}

  /** @param previous the latest run of each earlier date, oldest first */
  static List<Deviation> of(Map<String, Object> today, List<Map<String, Object>> previous) {
    List<Deviation> out = new ArrayList<>();
    List<Map<String, Object>> baseline = previous.subList(Math.max(0, previous.size() - BASELINE), previous.size());
    if (baseline.isEmpty()) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> run : baseline) {
      seen.addAll(Manifests.map(run, "quarantine_by_reason").keySet());
    }
    for (String reason : new TreeSet<>(Manifests.map(today, "quarantine_by_reason").keySet())) {
      if (!seen.contains(reason)) {
        long n = Manifests.number(Manifests.map(today, "quarantine_by_reason"), reason);
        out.add(new Deviation(NEW_QUARANTINE_REASON, reason, String.format(Locale.ROOT,
            "New quarantine reason %s: %d records, not seen in the previous %d dates", reason, n, baseline.size())));
      }
    }
    double medianPages = median(baseline.stream().mapToDouble(r -> Manifests.number(Manifests.map(r, "records"), "pages")).toArray());
    long pages = Manifests.number(Manifests.map(today, "records"), "pages");
    if (medianPages > 0 && pages < medianPages / 2) {
      out.add(new Deviation(PAGE_COUNT_DROP, "pages", String.format(Locale.ROOT,
          "Page count dropped: %d pages, less than half the median %s of the previous %d dates", pages,
          Svg.num(medianPages), baseline.size())));
    }
    double medianRatio = median(baseline.stream().mapToDouble(Manifests::quarantineRatio).toArray());
    double ratio = Manifests.quarantineRatio(today);
    if (ratio >= 2 * medianRatio && ratio - medianRatio >= 0.01) {
      out.add(new Deviation(QUARANTINE_RATIO_JUMP, "quarantine_ratio", String.format(Locale.ROOT,
          "Quarantine ratio jumped: %.4f against a median %.4f over the previous %d dates", ratio, medianRatio, baseline.size())));
    }
    return out;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
